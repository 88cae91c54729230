# Dependency isolation: a session that already loaded OTHER versions of Google.Protobuf and Grpc.Core.Api imports the
# module and uses it; both copies stay loaded side by side (the module's in its private AssemblyLoadContext).
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Milvus.TestHelpers.psm1') -Force
    $project = Join-Path $PSScriptRoot 'Isolation/conflicts.csproj'
    & dotnet restore $project --nologo -v quiet | Out-Null
    $nuget = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path $HOME '.nuget/packages' }
    $script:OldProtobuf = Join-Path $nuget 'google.protobuf/3.25.1/lib/net5.0/Google.Protobuf.dll'
    $script:OldGrpcApi = Join-Path $nuget 'grpc.core.api/2.65.0/lib/netstandard2.1/Grpc.Core.Api.dll'
    $script:Db = New-MilvusTestDbPath -Prefix 'isolation'
    $child = @'
param($OldProtobuf, $OldGrpcApi, $Module, $Db)
$ErrorActionPreference = 'Stop'
Add-Type -Path $OldProtobuf
Add-Type -Path $OldGrpcApi
$sample = [Google.Protobuf.WellKnownTypes.Duration]::FromTimeSpan([TimeSpan]::FromSeconds(90))   # the old copy works
Import-Module $Module
$null = Connect-Milvus -Uri $Db
$null = New-MilvusCollection -Name isolated -Dimension 2
$copies = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -in 'Google.Protobuf', 'Grpc.Core.Api' } |
    ForEach-Object { '{0} {1} {2}' -f $_.GetName().Name, [Diagnostics.FileVersionInfo]::GetVersionInfo($_.Location).FileVersion,
        [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($_).Name }
[pscustomobject]@{
    Collections = @(Get-MilvusCollection | ForEach-Object Name)
    OldCopyStillWorks = $sample.Seconds
    Copies = @($copies | Sort-Object)
} | ConvertTo-Json -Compress
'@
    $script:ChildScript = Join-Path ([IO.Path]::GetTempPath()) "milvus-isolation-$PID.ps1"
    Set-Content -Path $script:ChildScript -Value $child
    # The pwsh of this session (the dotnet tool runs it through dotnet, so the process path is not pwsh itself).
    $pwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')
    $output = & $pwsh -NoProfile -NonInteractive -File $script:ChildScript $script:OldProtobuf $script:OldGrpcApi (Get-MilvusTestModulePath) $script:Db 2>&1
    $script:ChildExit = $LASTEXITCODE
    $script:ChildOutput = ($output | Out-String)
    $script:Result = try { ($output | Where-Object { "$_".StartsWith('{') } | Select-Object -Last 1) | ConvertFrom-Json } catch { $null }
}

AfterAll {
    Remove-Item $script:ChildScript -ErrorAction SilentlyContinue
    Remove-MilvusTestDb $script:Db
}

Describe 'Dependency isolation' -Tag Integration {
    It 'imports and works after other Google.Protobuf and Grpc.Core.Api versions were loaded' {
        $script:ChildExit | Should -Be 0 -Because $script:ChildOutput
        $script:Result.Collections | Should -Be @('isolated')
        $script:Result.OldCopyStillWorks | Should -Be 90
    }

    It 'keeps both copies loaded, the module''s in its private context' {
        # File versions tell the copies apart (Grpc.Core.Api keeps assembly version 2.0.0.0 in every release).
        $script:Result.Copies | Should -Be @(
            'Google.Protobuf 3.25.1.0 Default'
            'Google.Protobuf 3.36.2.0 DependencyLoadContext:Milvus'
            'Grpc.Core.Api 2.65.0.0 Default'
            'Grpc.Core.Api 2.85.0.0 DependencyLoadContext:Milvus'
        )
    }
}
