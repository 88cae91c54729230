#Requires -Version 7.4
<#
.SYNOPSIS
    Builds the module's offline help: MAML for every cmdlet page and about_*.help.txt for every about topic.
.DESCRIPTION
    PlatyPS is not served from NuGet, so this script does what Export-MamlCommandHelp does for the subset of the
    PlatyPS markdown schema 2.0 that docs/en-US uses:
      docs/en-US/<Verb-Noun>.md  -> <OutputPath>/Milvus.PowerShell.dll-Help.xml (one MAML file, all cmdlets)
      docs/en-US/about_*.md      -> <OutputPath>/about_*.help.txt (plain text, the layout Get-Help about_* expects)
    Get-Help finds the MAML because the cmdlets live in Milvus.PowerShell.dll and the file sits in the module's en-US
    folder. Syntax items are rebuilt from the parameter metadata blocks, so each parameter set lists its parameters.
.PARAMETER SourcePath
    The folder of markdown pages (default: docs/en-US beside this script's repository).
.PARAMETER OutputPath
    The folder to write (default: out/Milvus/en-US). Created if missing.
.EXAMPLE
    ./tools/Build-Help.ps1 -OutputPath out/Milvus/en-US
#>
[CmdletBinding()]
param(
    [string] $SourcePath = (Join-Path $PSScriptRoot '../docs/en-US'),
    [string] $OutputPath = (Join-Path $PSScriptRoot '../out/Milvus/en-US'),
    [string] $MamlFileName = 'Milvus.PowerShell.dll-Help.xml'
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
. (Join-Path $PSScriptRoot 'help/HelpMarkdown.ps1')

New-Item -ItemType Directory -Force -Path $OutputPath | Out-Null
$pages = @(Get-ChildItem -LiteralPath $SourcePath -Filter *.md -File | Where-Object Name -notlike 'about_*')
$abouts = @(Get-ChildItem -LiteralPath $SourcePath -Filter 'about_*.md' -File)

$commands = foreach ($page in $pages | Sort-Object Name) {
    ConvertFrom-HelpMarkdown -Path $page.FullName
}
$maml = ConvertTo-Maml -Command $commands
$mamlPath = Join-Path $OutputPath $MamlFileName
[System.IO.File]::WriteAllText($mamlPath, $maml, [System.Text.UTF8Encoding]::new($false))

foreach ($about in $abouts) {
    $text = ConvertTo-AboutHelpText -Markdown (Get-Content -Raw -LiteralPath $about.FullName)
    $target = Join-Path $OutputPath ($about.BaseName + '.help.txt')
    [System.IO.File]::WriteAllText($target, $text, [System.Text.UTF8Encoding]::new($false))
}
Write-Verbose "Help: $($pages.Count) cmdlet pages -> $mamlPath; $($abouts.Count) about topics."
[pscustomobject]@{ Maml = $mamlPath; CommandCount = $pages.Count; AboutCount = $abouts.Count }
