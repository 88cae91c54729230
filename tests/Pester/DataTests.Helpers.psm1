# Shared helpers of the data, search, security, maintenance, help and pipeline Pester suites: import the built module,
# start Milvus.Local.Server on a loopback port, and connect to either backend ("local" = a temporary .db file in
# process, "server" = the Kestrel host over gRPC).
Set-StrictMode -Version Latest

function Get-RepoRoot {
    if ($env:MILVUS_REPO_ROOT) { return $env:MILVUS_REPO_ROOT }
    (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
}

function Import-MilvusUnderTest {
    $path = if ($env:MILVUS_MODULE_PATH) { $env:MILVUS_MODULE_PATH } else { Join-Path (Get-RepoRoot) 'out/Milvus/Milvus.psd1' }
    # Import once per session: re-importing a binary module with -Force would reload its assemblies.
    if (-not (Get-Module -Name Milvus)) { Import-Module $path -Global }
    # Invoke-MilvusWhatIf and the other shared helpers, so a suite also runs alone (not only after one that imports them).
    Import-Module (Join-Path $PSScriptRoot 'Milvus.TestHelpers.psm1') -Global
}

function Get-ServerAssembly {
    $root = Get-RepoRoot
    $found = foreach ($configuration in 'Release', 'Debug') {
        $candidate = Join-Path $root "src/Milvus.Local.Server/bin/$configuration/net10.0/Milvus.Local.Server.dll"
        if (Test-Path $candidate) { Get-Item $candidate }
    }
    $found | Sort-Object LastWriteTimeUtc -Descending | Select-Object -First 1
}

function New-TestDatabasePath([string] $Prefix = 'pester') {
    Join-Path ([IO.Path]::GetTempPath()) ("$Prefix-{0}.db" -f [guid]::NewGuid().ToString('N').Substring(0, 12))
}

function Start-TestServer {
    <# Starts Milvus.Local.Server on a free loopback port and returns @{ Uri; Process; DataPath }. #>
    param([string[]] $ExtraArgument = @(), [string] $DataPath)
    $dll = Get-ServerAssembly
    if (-not $dll) { throw 'Milvus.Local.Server.dll is not built: run dotnet build src/Milvus.Local.Server -c Release.' }
    $data = if ($DataPath) { $DataPath } else { New-TestDatabasePath 'pester-server' }
    $info = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    foreach ($a in @($dll.FullName, '--data', $data, '--port', '0') + $ExtraArgument) { $info.ArgumentList.Add($a) }
    $info.RedirectStandardOutput = $true
    $info.RedirectStandardError = $true
    $info.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($info)
    $read = $process.StandardOutput.ReadLineAsync()
    while ($true) {
        # 60 s, as Start-MilvusTestServer allows: a cold server process on a loaded 2-core machine is slow to start.
        if (-not $read.Wait(60000)) { $process.Kill($true); throw 'Milvus.Local.Server did not report its address within 60 s.' }
        $line = $read.Result
        if ($null -eq $line) { throw "Milvus.Local.Server exited: $($process.StandardError.ReadToEnd())" }
        if ($line -match 'listening on (http://\S+)') { break }
        $read = $process.StandardOutput.ReadLineAsync()
    }
    [pscustomobject]@{ Uri = $Matches[1]; Process = $process; DataPath = $data }
}

function Stop-TestServer($Server) {
    if (-not $Server) { return }
    if (-not $Server.Process.HasExited) { $Server.Process.Kill($true); [void] $Server.Process.WaitForExit(10000) }
    $Server.Process.Dispose()
    Remove-Item "$($Server.DataPath)*" -Force -ErrorAction SilentlyContinue
}

function Connect-TestBackend {
    <# Connects to the given backend ("local" or "server") without making it the default; returns a context object. #>
    param([ValidateSet('local', 'server')] [string] $Backend, [switch] $EnableAuthorization)
    $server = $null
    if ($Backend -eq 'server') {
        $server = Start-TestServer
        $connection = Connect-Milvus -Uri $server.Uri -NoDefault
        $dataPath = $null
    } else {
        $dataPath = New-TestDatabasePath
        $connection = Connect-Milvus -Uri $dataPath -NoDefault -EnableAuthorization:$EnableAuthorization
    }
    [pscustomobject]@{ Backend = $Backend; Connection = $connection; Server = $server; DataPath = $dataPath }
}

function Disconnect-TestBackend($Context) {
    if (-not $Context) { return }
    if ($Context.Connection) { Disconnect-Milvus -Connection $Context.Connection -ErrorAction SilentlyContinue }
    Stop-TestServer $Context.Server
    if ($Context.DataPath) { Remove-Item "$($Context.DataPath)*" -Force -ErrorAction SilentlyContinue }
}

function Test-RbacUnsupported {
    <# True when the local engine answers user/role calls with Milvus's "unsupported operation" error. #>
    $ctx = Connect-TestBackend -Backend local
    try { Get-MilvusRole -Connection $ctx.Connection -ErrorAction Stop | Out-Null; $false }
    catch { "$_" -match 'unsupported operation|not supported' }
    finally { Disconnect-TestBackend $ctx }
}

# The local engine answers some cluster-only RPCs with Milvus's own "unsupported operation" (code 3000); a test then
# checks that the module reports it as one typed, catchable error (with the engine's exact text when -Rpc is given).
function Assert-NotSupported($ErrorRecords, [string] $Rpc) {
    $ErrorRecords.Count | Should -Be 1
    $ErrorRecords[0].FullyQualifiedErrorId | Should -BeLike 'MilvusOperationNotSupported*'
    $ErrorRecords[0].CategoryInfo.Category | Should -Be 'NotImplemented'
    if ($Rpc) { $ErrorRecords[0].Exception.Message | Should -BeExactly "unsupported operation[$Rpc]: not supported by the Milvus local engine" }
}

function Invoke-WithProgress {
    # Runs a script block in a nested runspace with $ProgressPreference = 'Continue' and returns its output and progress
    # records (the progress stream; no host shows them). -Variable passes the values the script uses; an error throws.
    param([Parameter(Mandatory)] [scriptblock] $ScriptBlock, [hashtable] $Variable = @{})
    $runspace = [runspacefactory]::CreateRunspace()
    $runspace.Open()
    $shell = [powershell]::Create()
    try {
        $shell.Runspace = $runspace
        foreach ($name in $Variable.Keys) { $runspace.SessionStateProxy.SetVariable($name, $Variable[$name]) }
        $runspace.SessionStateProxy.SetVariable('ProgressPreference', 'Continue')
        $null = $shell.AddCommand('Import-Module').AddParameter('Name', (Join-Path (Get-Module Milvus).ModuleBase 'Milvus.psd1')).AddStatement()
        $null = $shell.AddScript($ScriptBlock.ToString())
        $output = $shell.Invoke()
        if ($shell.Streams.Error.Count -gt 0) { throw $shell.Streams.Error[0] }
        [pscustomobject]@{ Output = @($output); Progress = @($shell.Streams.Progress) }
    }
    finally {
        $shell.Dispose()
        $runspace.Dispose()
    }
}

function New-TestName([string] $Prefix) { '{0}_{1}' -f $Prefix, (Get-Random -Minimum 100000 -Maximum 999999) }

Export-ModuleMember -Function *
