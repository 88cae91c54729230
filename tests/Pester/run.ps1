<#
.SYNOPSIS
    Runs the Pester suites in this pwsh and writes their counts for build.ps1.
.DESCRIPTION
    Imports Pester from the NuGet cache (restored by build.ps1 from tools/pester/pester.csproj), runs every
    *.Tests.ps1 under -Path, prints "N passed, N failed, N skipped" and writes the counts as JSON to -SummaryPath.
#>
param(
    [string] $PesterVersion = '5.7.1',
    [string] $SummaryPath,
    [string[]] $Path = $PSScriptRoot
)
$ErrorActionPreference = 'Stop'
$nugetRoot = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path $HOME '.nuget/packages' }
Import-Module (Join-Path $nugetRoot "pester/$PesterVersion/tools/Pester.psd1") -Force

$files = @(Get-ChildItem -Path $Path -Filter *.Tests.ps1 -Recurse -File)
if ($files.Count -eq 0) {
    Write-Host 'No Pester test files found.'
    if ($SummaryPath) { [ordered]@{ Passed = 0; Failed = 0; Skipped = 0 } | ConvertTo-Json | Set-Content -Path $SummaryPath }
    '0 passed, 0 failed, 0 skipped'
    exit 0
}

$config = New-PesterConfiguration
$config.Run.Path = $Path
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Normal'
$config.Should.ErrorAction = 'Continue'
$result = Invoke-Pester -Configuration $config

$summary = [ordered]@{
    Passed  = $result.PassedCount
    Failed  = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
    Skipped = $result.SkippedCount
}
if ($SummaryPath) { $summary | ConvertTo-Json | Set-Content -Path $SummaryPath }
"$($summary.Passed) passed, $($summary.Failed) failed, $($summary.Skipped) skipped"
exit ($summary.Failed -gt 0 -or $result.Result -ne 'Passed' -and $result.TotalCount -gt 0 ? 1 : 0)
