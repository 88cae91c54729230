#Requires -Version 7.4
<#
.SYNOPSIS
    Builds, packages and tests Milvus for PowerShell.
.DESCRIPTION
    Tasks:
      Bootstrap   restore the pwsh tool, Pester (from NuGet) and the Node SDK used by the compatibility tests
      Build       dotnet build of the whole solution
      Package     assemble the module folder out/Milvus (manifest, cmdlets, dependencies, format files, help) and
                  its Gallery package out/packages/Milvus.<version>.nupkg (Compress-PSResource)
      Test        Build + Package, then every suite: xUnit (unit, engine, client, cmdlets, compat) and Pester in a
                  child pwsh; ends with one line "N passed, N failed, N skipped"
      Quickstart  assemble the module (building only its projects), then run examples/quickstart.ps1 against a
                  local ./demo.db (no server needed)
      Clean       remove build output
    Run it with the repository's pinned pwsh: dotnet tool restore; dotnet pwsh ./build.ps1 -Task Test
.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Test
#>
[CmdletBinding()]
param(
    [Parameter(Position = 0)]
    [ValidateSet('Bootstrap', 'Build', 'Package', 'Test', 'Quickstart', 'Clean')]
    [string[]] $Task = 'Test',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$Root = $PSScriptRoot
$Out = Join-Path $Root 'out'
$ModuleOut = Join-Path $Out 'Milvus'
$PackageOut = Join-Path $Out 'packages'
$ResultsDir = Join-Path $Out 'test-results'
$PesterVersion = '5.7.1'
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'

function Invoke-Native {
    # Runs a native command and stops the build when it fails.
    param([string] $Command, [string[]] $Arguments, [string] $WorkingDirectory = $Root)
    Write-Host "> $Command $($Arguments -join ' ')" -ForegroundColor DarkGray
    Push-Location $WorkingDirectory
    try { & $Command @Arguments } finally { Pop-Location }
    if ($LASTEXITCODE -ne 0) { throw "'$Command $($Arguments -join ' ')' failed with exit code $LASTEXITCODE" }
}

function Write-Step([string] $Text) {
    # One short line per step, so a long first build never looks stuck.
    Write-Host "==> $Text" -ForegroundColor Cyan
}

function Invoke-Bootstrap {
    Invoke-Native dotnet @('tool', 'restore')
    Invoke-Native dotnet @('restore', (Join-Path $Root 'tools/pester/pester.csproj'), '--verbosity', 'quiet')
    $compat = Join-Path $Root 'tests/compat'
    # Both pinned SDKs: 3.0.6 (the protocol baseline, npm alias milvus2-sdk-node-3) and 2.6.17.
    $installed = 'node_modules/@zilliz/milvus2-sdk-node/package.json', 'node_modules/milvus2-sdk-node-3/package.json' |
        ForEach-Object { Test-Path (Join-Path $compat $_) }
    if ($installed -contains $false) {
        Invoke-Native npm @('install', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel', 'error') $compat
    }
}

function Invoke-Build {
    Write-Step "Building Milvus.sln ($Configuration; the first build takes a few minutes)"
    # Quiet, but warnings show (no ErrorsOnly): a warning is something to fix, not to hide.
    Invoke-Native dotnet @('build', (Join-Path $Root 'Milvus.sln'), '-c', $Configuration, '--nologo', '-v', 'quiet', '-clp:NoSummary')
}

function Invoke-Package {
    Write-Step "Assembling the module in $ModuleOut"
    & (Join-Path $Root 'tools/Assemble-Module.ps1') -Configuration $Configuration -OutputPath $ModuleOut | Out-Host
    # The Gallery format too: a .nupkg that Install-PSResource / Save-PSResource take from a local file repository.
    New-Item -ItemType Directory -Force $PackageOut | Out-Null
    Get-ChildItem $PackageOut -Filter 'Milvus.*.nupkg' | Remove-Item -Force
    Compress-PSResource -Path $ModuleOut -DestinationPath $PackageOut
    Write-Step "Gallery package: $((Get-ChildItem $PackageOut -Filter 'Milvus.*.nupkg').FullName)"
}

function Get-TrxCounts {
    # Sums the counters of every xUnit (trx) result file.
    $sum = [ordered]@{ Passed = 0; Failed = 0; Skipped = 0 }
    foreach ($file in Get-ChildItem $ResultsDir -Filter *.trx -Recurse -ErrorAction SilentlyContinue) {
        [xml] $trx = Get-Content -Raw -LiteralPath $file.FullName
        $c = $trx.TestRun.ResultSummary.Counters
        $sum.Passed += [int] $c.passed
        $sum.Failed += [int] $c.failed + [int] $c.error + [int] $c.timeout + [int] $c.aborted
        # xUnit's skipped tests show up as total - executed (notExecuted stays 0)
        $sum.Skipped += [Math]::Max([int] $c.notExecuted, [int] $c.total - [int] $c.executed)
        if ($trx.TestRun.ResultSummary.outcome -in 'Failed', 'Error', 'Aborted' -and ([int] $c.failed + [int] $c.error) -eq 0) {
            $sum.Failed += 1   # a crashed test host counts as a failure even when no single test failed
        }
    }
    $sum
}

function Invoke-Test {
    Remove-Item $ResultsDir -Recurse -Force -ErrorAction SilentlyContinue
    New-Item -ItemType Directory -Force $ResultsDir | Out-Null

    Write-Host "`n== xUnit ==" -ForegroundColor Cyan
    & dotnet test (Join-Path $Root 'Milvus.sln') -c $Configuration --no-build --nologo `
        --logger 'trx' --logger 'console;verbosity=minimal' --results-directory $ResultsDir -- RunConfiguration.TreatNoTestsAsError=false
    $xunitExit = $LASTEXITCODE
    $xunit = Get-TrxCounts

    Write-Host "`n== Pester ==" -ForegroundColor Cyan
    $pesterJson = Join-Path $ResultsDir 'pester-summary.json'
    $env:MILVUS_MODULE_PATH = Join-Path $ModuleOut 'Milvus.psd1'
    $env:MILVUS_REPO_ROOT = $Root
    & dotnet pwsh -NoProfile -NonInteractive -File (Join-Path $Root 'tests/Pester/run.ps1') `
        -PesterVersion $PesterVersion -SummaryPath $pesterJson -Path (Join-Path $Root 'tests/Pester')
    $pesterExit = $LASTEXITCODE
    $pester = if (Test-Path $pesterJson) { Get-Content -Raw $pesterJson | ConvertFrom-Json } else { [pscustomobject]@{ Passed = 0; Failed = 1; Skipped = 0 } }

    $passed = $xunit.Passed + $pester.Passed
    $failed = $xunit.Failed + $pester.Failed
    $skipped = $xunit.Skipped + $pester.Skipped
    if ($xunitExit -ne 0 -and $xunit.Failed -eq 0) { $failed += 1 }
    if ($pesterExit -ne 0 -and $pester.Failed -eq 0) { $failed += 1 }
    Write-Host ''
    Write-Host "xUnit: $($xunit.Passed) passed, $($xunit.Failed) failed, $($xunit.Skipped) skipped"
    Write-Host "Pester: $($pester.Passed) passed, $($pester.Failed) failed, $($pester.Skipped) skipped"
    Write-Output "$passed passed, $failed failed, $skipped skipped"
    if ($failed -gt 0) { exit 1 }
}

function Invoke-Quickstart {
    $env:MILVUS_MODULE_PATH = Join-Path $ModuleOut 'Milvus.psd1'
    Write-Step 'Running examples/quickstart.ps1 against ./demo.db'
    & dotnet pwsh -NoProfile -NonInteractive -File (Join-Path $Root 'examples/quickstart.ps1')
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
}

foreach ($t in $Task) {
    switch ($t) {
        'Bootstrap' { Invoke-Bootstrap }
        'Build' { Invoke-Bootstrap; Invoke-Build }
        'Package' { Invoke-Bootstrap; Invoke-Build; Invoke-Package }
        'Test' { Invoke-Bootstrap; Invoke-Build; Invoke-Package; Invoke-Test }
        # Only what the quickstart needs: the module's own build (publish builds its projects), no npm, no Pester, no tests.
        'Quickstart' { Invoke-Native dotnet @('tool', 'restore'); Invoke-Package; Invoke-Quickstart }
        'Clean' {
            Remove-Item $Out -Recurse -Force -ErrorAction SilentlyContinue
            Invoke-Native dotnet @('clean', (Join-Path $Root 'Milvus.sln'), '-c', $Configuration, '--nologo', '-v', 'quiet')
        }
    }
}
