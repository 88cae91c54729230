#Requires -Version 7.4
<#
.SYNOPSIS
    Publishes src/Milvus.PowerShell and lays out the importable module folder.
.DESCRIPTION
    Result (default out/Milvus):
      Milvus.psd1, LICENSE, Milvus.psm1 (when present), Milvus.PowerShell.dll (cmdlets, models, completers, ALC hook),
      *.Format.ps1xml and *.Types.ps1xml from src/Milvus.PowerShell, en-US/ (help, when tools/Build-Help.ps1 exists);
      dependencies/: Milvus.Client, Milvus.Local, Milvus.Protocol, Grpc.*, Google.Protobuf, Microsoft.Data.Sqlite,
      SQLitePCLRaw.* and runtimes/<rid>/native (e_sqlite3). The module's initializer loads everything in dependencies/
      into a private AssemblyLoadContext, so PowerShell must never find those files next to the cmdlet DLL.
.EXAMPLE
    ./tools/Assemble-Module.ps1 -Configuration Release -OutputPath out/Milvus
#>
[CmdletBinding()]
param(
    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    [string] $OutputPath = (Join-Path $PSScriptRoot '../out/Milvus')
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$root = Resolve-Path (Join-Path $PSScriptRoot '..')
$project = Join-Path $root 'src/Milvus.PowerShell/Milvus.PowerShell.csproj'
$sourceDir = Split-Path $project
$OutputPath = [IO.Path]::GetFullPath($OutputPath, (Get-Location).Path)
$publishDir = Join-Path ([IO.Path]::GetTempPath()) "milvus-publish-$PID"
$cmdletAssembly = 'Milvus.PowerShell'

try {
    Write-Host "> dotnet publish $project -c $Configuration" -ForegroundColor DarkGray
    # Minimal verbosity: one "Project -> path" line per project built, and every warning.
    & dotnet publish $project -c $Configuration -o $publishDir --nologo -v minimal '-clp:NoSummary'
    if ($LASTEXITCODE -ne 0) { throw "dotnet publish failed with exit code $LASTEXITCODE" }

    if (Test-Path $OutputPath) { Remove-Item $OutputPath -Recurse -Force }
    $dependencies = Join-Path $OutputPath 'dependencies'
    New-Item -ItemType Directory -Force $dependencies | Out-Null

    # The cmdlet assembly (and its symbols) at the top; everything else, runtimes/ included, below dependencies/.
    foreach ($item in Get-ChildItem $publishDir) {
        if ($item.Name -like "$cmdletAssembly.deps.json") { continue }   # PowerShell does not read it; the ALC resolves
        $destination = if ($item.BaseName -eq $cmdletAssembly) { $OutputPath } else { $dependencies }
        Move-Item $item.FullName (Join-Path $destination $item.Name)
    }

    # PowerShell's own assemblies must never ship: the host provides them.
    Get-ChildItem $dependencies -Filter 'System.Management.Automation*.dll' | Remove-Item -Force

    Copy-Item (Join-Path $root 'Milvus.psd1') $OutputPath
    # The manifest's LicenseUri names Apache 2.0; the text itself travels with the module and its .nupkg.
    Copy-Item (Join-Path $root 'LICENSE') $OutputPath
    $psm1 = Join-Path $root 'Milvus.psm1'
    if (Test-Path $psm1) { Copy-Item $psm1 $OutputPath }

    $manifest = Import-PowerShellDataFile (Join-Path $root 'Milvus.psd1')
    foreach ($kind in 'FormatsToProcess', 'TypesToProcess') {
        $pattern = if ($kind -eq 'FormatsToProcess') { '*.Format.ps1xml' } else { '*.Types.ps1xml' }
        $files = @(Get-ChildItem $sourceDir -Filter $pattern -File)
        foreach ($file in $files) {
            if ($file.Name -notin $manifest[$kind]) { throw "$($file.Name) is not listed in Milvus.psd1 $kind." }
            Copy-Item $file.FullName $OutputPath
        }
        foreach ($listed in $manifest[$kind]) {
            if (-not (Test-Path (Join-Path $OutputPath $listed))) { throw "Milvus.psd1 lists $listed in $kind, but src/Milvus.PowerShell has no such file." }
        }
    }

    $helpBuilder = Join-Path $root 'tools/Build-Help.ps1'
    if (Test-Path $helpBuilder) {
        # One line, not the builder's result object (a stray "Maml CommandCount" table in the build output).
        $help = & $helpBuilder -OutputPath (Join-Path $OutputPath 'en-US')
        Write-Host "Help: $($help.CommandCount) cmdlet pages and $($help.AboutCount) about topics in $($help.Maml)."
    }

    $native = @(Get-ChildItem $dependencies -Recurse -File -Include 'libe_sqlite3.so', 'e_sqlite3.dll', 'libe_sqlite3.dylib')
    if ($native.Count -eq 0) { Write-Warning 'No native e_sqlite3 library was published: local .db mode will not work.' }
    Write-Host "Module assembled in $OutputPath ($(@(Get-ChildItem $dependencies -Filter *.dll).Count) dependency assemblies, $($native.Count) native SQLite builds)."
}
finally {
    Remove-Item $publishDir -Recurse -Force -ErrorAction SilentlyContinue
}
