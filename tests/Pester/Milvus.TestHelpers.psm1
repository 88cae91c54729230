# Shared helpers of the Pester suites: where the module is, a fresh local .db, and Milvus.Local.Server on loopback.
Set-StrictMode -Version Latest

$script:RepoRoot = if ($env:MILVUS_REPO_ROOT) { $env:MILVUS_REPO_ROOT } else { (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path }

function Get-MilvusTestModulePath {
    # The assembled module (build.ps1 -Task Package / tools/Assemble-Module.ps1).
    if ($env:MILVUS_MODULE_PATH) { return $env:MILVUS_MODULE_PATH }
    Join-Path $script:RepoRoot 'out/Milvus/Milvus.psd1'
}

function New-MilvusTestDbPath {
    # A unique, not yet existing .db path under the temp folder.
    param([string] $Prefix = 'pester')
    Join-Path ([IO.Path]::GetTempPath()) ("{0}-{1}.db" -f $Prefix, [guid]::NewGuid().ToString('N').Substring(0, 12))
}

function Remove-MilvusTestDb {
    param([string] $Path)
    foreach ($suffix in '', '-wal', '-shm', '.lock') {
        Remove-Item -LiteralPath ($Path + $suffix) -Force -ErrorAction SilentlyContinue
    }
}

function Get-MilvusTestServerDll {
    # Milvus.Local.Server as built by the solution build; built here when missing.
    if ($env:MILVUS_SERVER_DLL) { return $env:MILVUS_SERVER_DLL }
    foreach ($configuration in 'Release', 'Debug') {
        $dll = Join-Path $script:RepoRoot "src/Milvus.Local.Server/bin/$configuration/net10.0/Milvus.Local.Server.dll"
        if (Test-Path $dll) { return $dll }
    }
    & dotnet build (Join-Path $script:RepoRoot 'src/Milvus.Local.Server') -c Release --nologo -v quiet '-clp:ErrorsOnly' | Out-Host
    Join-Path $script:RepoRoot 'src/Milvus.Local.Server/bin/Release/net10.0/Milvus.Local.Server.dll'
}

function Start-MilvusTestServer {
    # Starts Milvus.Local.Server on 127.0.0.1 with a free port and returns @{ Uri; Process; DataPath }.
    $data = New-MilvusTestDbPath -Prefix 'pester-server'
    $info = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    foreach ($argument in (Get-MilvusTestServerDll), '--data', $data, '--port', '0') { $info.ArgumentList.Add($argument) }
    $info.RedirectStandardOutput = $true
    $info.RedirectStandardError = $true
    $info.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($info)
    $process.BeginErrorReadLine()
    $line = $process.StandardOutput.ReadLineAsync()
    if (-not $line.Wait([TimeSpan]::FromSeconds(60)) -or $line.Result -notmatch '^listening on (\S+)') {
        if (-not $process.HasExited) { $process.Kill($true) }
        throw "Milvus.Local.Server did not start: '$($line.Result)'"
    }
    [pscustomobject]@{ Uri = $Matches[1]; Process = $process; DataPath = $data }
}

function Stop-MilvusTestServer {
    param($Server)
    if ($null -eq $Server) { return }
    if (-not $Server.Process.HasExited) {
        $Server.Process.Kill($true)
        $Server.Process.WaitForExit(10000) | Out-Null
    }
    $Server.Process.Dispose()
    Remove-MilvusTestDb $Server.DataPath
}

function Connect-MilvusTestTarget {
    # Opens a connection for a suite: Mode 'local' = a fresh .db file, Mode 'server' = a fresh Milvus.Local.Server.
    # Returns @{ Connection; Server; DbPath } for Disconnect-MilvusTestTarget.
    param([ValidateSet('local', 'server')] [string] $Mode, [switch] $NoDefault)
    if ($Mode -eq 'local') {
        $db = New-MilvusTestDbPath
        $connection = Connect-Milvus -Uri $db -NoDefault:$NoDefault
        return [pscustomobject]@{ Connection = $connection; Server = $null; DbPath = $db }
    }
    $server = Start-MilvusTestServer
    $connection = Connect-Milvus -Uri $server.Uri -NoDefault:$NoDefault
    [pscustomobject]@{ Connection = $connection; Server = $server; DbPath = $null }
}

function Connect-MilvusDocsTarget {
    # The suites of a collection's children (partitions, indexes, aliases): a fresh default connection (see
    # Connect-MilvusTestTarget) with 'docs' (id, category VARCHAR(32), 4-d embedding) and 'other' (quick setup, 2-d).
    param([ValidateSet('local', 'server')] [string] $Mode)
    Disconnect-Milvus -All
    $target = Connect-MilvusTestTarget -Mode $Mode
    $fields = (New-MilvusField id Int64 -IsPrimaryKey), (New-MilvusField category VarChar -MaxLength 32),
        (New-MilvusField embedding FloatVector -Dimension 4)
    New-MilvusCollection -Name docs -Field $fields | Out-Null
    New-MilvusCollection -Name other -Dimension 2 | Out-Null
    $target
}

function Invoke-MilvusWhatIf {
    # Runs -WhatIf calls in a host-less runspace: ShouldProcess writes "What if: ..." straight to the host UI, past
    # every stream, so in the suite's own runspace it would leak into the test output. -Connection becomes the
    # nested runspace's -Connection default; -Variable passes the caller's values the script block uses.
    param([Parameter(Mandatory)] [scriptblock] $ScriptBlock, [Parameter(Mandatory)] $Connection, [hashtable] $Variable = @{})
    $runspace = [runspacefactory]::CreateRunspace()
    $runspace.Open()
    $shell = [powershell]::Create()
    try {
        $shell.Runspace = $runspace
        $Variable['PSDefaultParameterValues'] = @{ '*-Milvus*:Connection' = $Connection }
        foreach ($name in $Variable.Keys) { $runspace.SessionStateProxy.SetVariable($name, $Variable[$name]) }
        $null = $shell.AddCommand('Import-Module').AddParameter('Name', (Get-MilvusTestModulePath)).AddStatement()
        $null = $shell.AddScript($ScriptBlock.ToString())
        $output = $shell.Invoke()
        if ($shell.Streams.Error.Count -gt 0) { throw $shell.Streams.Error[0] }
        $output
    }
    finally {
        $shell.Dispose()
        $runspace.Dispose()
    }
}

function Disconnect-MilvusTestTarget {
    param($Target)
    if ($null -eq $Target) { return }
    if ($Target.Connection) { Disconnect-Milvus -Connection $Target.Connection -ErrorAction SilentlyContinue }
    Stop-MilvusTestServer $Target.Server
    if ($Target.DbPath) { Remove-MilvusTestDb $Target.DbPath }
}

Export-ModuleMember -Function Get-MilvusTestModulePath, Invoke-MilvusWhatIf, New-MilvusTestDbPath, Remove-MilvusTestDb, Get-MilvusTestServerDll,
    Start-MilvusTestServer, Stop-MilvusTestServer, Connect-MilvusTestTarget, Connect-MilvusDocsTarget, Disconnect-MilvusTestTarget
