#Requires -Version 7.4
<#
.SYNOPSIS
    Creates or refreshes docs/en-US/<Cmdlet>.md for every command of the built module (PlatyPS Update-MarkdownCommandHelp).
.DESCRIPTION
    The prose of a page (synopsis, description, examples, parameter descriptions, input/output descriptions, notes, links)
    is written by hand and kept. What the code decides is regenerated from the imported module: the syntax of each
    parameter set and every parameter's metadata block (type, sets, aliases, required, position, pipeline binding,
    wildcards), the OUTPUTS types (from [OutputType]) and the INPUTS types (pipeline-bound parameters). A parameter that
    has no description yet takes the shared one from tools/help/ParameterDescriptions.psd1 (keys "Name" or
    "Cmdlet:Name"). Run it after changing parameters:
        dotnet pwsh -NoProfile ./tools/Update-HelpMarkdown.ps1 -ModulePath out/Milvus/Milvus.psd1
.PARAMETER Command
    Only these commands (default: all exported).
#>
[CmdletBinding()]
param(
    [string] $ModulePath = (Join-Path $PSScriptRoot '../out/Milvus/Milvus.psd1'),
    [string] $DocsPath = (Join-Path $PSScriptRoot '../docs/en-US'),
    [string[]] $Command
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
. (Join-Path $PSScriptRoot 'help/HelpMarkdown.ps1')

$module = Import-Module $ModulePath -PassThru -Force
$shared = Import-PowerShellDataFile (Join-Path $PSScriptRoot 'help/ParameterDescriptions.psd1')
$common = [System.Management.Automation.PSCmdlet]::CommonParameters + @('PipelineVariable', 'ProgressAction')
$placeholder = '{{{{ Fill in the {0} }}}}'

function Get-FriendlyTypeName([type] $Type) {
    # Nullable<T> shows as T; arrays keep their brackets.
    $underlying = [Nullable]::GetUnderlyingType($Type)
    if ($underlying) { $underlying.Name } else { $Type.Name }
}

function Get-ParameterYaml {
    param($Info, [System.Management.Automation.CommandInfo] $Cmd, $Existing)
    $sets = @($Info.ParameterSets.Keys)
    $metas = @($Info.ParameterSets.Values)
    $setText = if ($sets -contains '__AllParameterSets' -or $sets.Count -eq $Cmd.ParameterSets.Count) { '(All)' } else { ($sets | Sort-Object) -join ', ' }
    $required = if (@($metas | Where-Object { -not $_.IsMandatory }).Count -eq 0) { 'True' } else { 'False' }
    $position = @($metas | Where-Object { $_.Position -ge 0 } | ForEach-Object Position | Select-Object -First 1)
    $byValue = @($metas | Where-Object ValueFromPipeline).Count -gt 0
    $byName = @($metas | Where-Object ValueFromPipelineByPropertyName).Count -gt 0
    $pipeline = switch ($true) {
        ($byValue -and $byName) { 'True (ByPropertyName, ByValue)'; break }
        $byValue { 'True (ByValue)'; break }
        $byName { 'True (ByPropertyName)'; break }
        default { 'False' }
    }
    $wildcards = [bool] ($Info.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })
    $default = if ($Existing -and $Existing.DefaultValue) { $Existing.DefaultValue } elseif ($Info.SwitchParameter) { 'False' } else { 'None' }
    @(
        '```yaml'
        "Type: $(Get-FriendlyTypeName $Info.ParameterType)"
        "Parameter Sets: $setText"
        "Aliases: $(($Info.Aliases | Sort-Object) -join ', ')"
        ''
        "Required: $required"
        "Position: $(if ($position.Count) { $position[0] } else { 'Named' })"
        "Default value: $default"
        "Accept pipeline input: $pipeline"
        "Accept wildcard characters: $wildcards"
        '```'
    ) -join "`n"
}

function Get-ParameterDescription {
    param([string] $CommandName, [string] $Name, $Existing)
    if ($Existing -and $Existing.Description.Count -and $Existing.Description[0] -notlike '{*') { return $Existing.Description -join "`n`n" }
    foreach ($key in "${CommandName}:$Name", $Name) { if ($shared.ContainsKey($key)) { return $shared[$key] } }
    $placeholder -f "$Name Description"
}

foreach ($cmd in Get-Command -Module $module.Name -CommandType Cmdlet, Function | Sort-Object Name) {
    if ($Command -and $cmd.Name -notin $Command) { continue }
    $path = Join-Path $DocsPath "$($cmd.Name).md"
    $old = if (Test-Path $path) { ConvertFrom-HelpMarkdown -Path $path } else { $null }
    $oldSections = if ($old) { Split-MarkdownSection -Text ([regex]::Replace((Get-Content -Raw $path), '(?s)^---\r?\n.*?\r?\n---\r?\n', '')) -Prefix '## ' } else { @{} }
    $keep = { param($name, $fill) if ($oldSections.Contains($name) -and $oldSections[$name]) { $oldSections[$name] } else { $placeholder -f $fill } }

    $md = [System.Collections.Generic.List[string]]::new()
    $md.Add("---`nexternal help file: Milvus.PowerShell.dll-Help.xml`nModule Name: $($module.Name)`nonline version:`nschema: 2.0.0`n---`n")
    $md.Add("# $($cmd.Name)`n")
    $md.Add("## SYNOPSIS`n$(& $keep 'SYNOPSIS' 'Synopsis')`n")
    $md.Add('## SYNTAX')
    foreach ($set in $cmd.ParameterSets | Sort-Object { -not $_.IsDefault }, Name) {
        $title = if ($set.Name -eq '__AllParameterSets') { 'Default' } else { $set.Name }
        $md.Add("`n### $title$(if ($set.IsDefault -and $cmd.ParameterSets.Count -gt 1) { ' (Default)' })")
        $md.Add("``````powershell`n$($cmd.Name) $set`n``````")
    }
    $md.Add("`n## DESCRIPTION`n$(& $keep 'DESCRIPTION' 'Description')`n")
    $md.Add("## EXAMPLES`n`n$(& $keep 'EXAMPLES' 'Examples')`n")
    $md.Add('## PARAMETERS')
    $names = @($cmd.Parameters.Keys | Where-Object { $_ -notin $common -and $_ -notin 'WhatIf', 'Confirm' } | Sort-Object)
    $names += @('Confirm', 'WhatIf' | Where-Object { $cmd.Parameters.ContainsKey($_) })
    foreach ($name in $names) {
        $existing = if ($old) { $old.Parameters | Where-Object Name -eq $name } else { $null }
        $md.Add("`n### -$name`n$(Get-ParameterDescription $cmd.Name $name $existing)`n")
        $md.Add((Get-ParameterYaml -Info $cmd.Parameters[$name] -Cmd $cmd -Existing $existing))
    }
    $md.Add("`n### CommonParameters`nThis cmdlet supports the common parameters: -Debug, -ErrorAction, -ErrorVariable, -InformationAction, -InformationVariable, -OutVariable, -OutBuffer, -PipelineVariable, -ProgressAction, -Verbose, -WarningAction, and -WarningVariable. For more information, see [about_CommonParameters](http://go.microsoft.com/fwlink/?LinkID=113216).`n")

    $describe = {
        param($type, $list, $fallback)
        $hit = if ($list) { $list | Where-Object Type -eq $type | Select-Object -First 1 } else { $null }
        if ($hit -and $hit.Description.Count -and $hit.Description[0] -notlike '{*') { $hit.Description -join "`n`n" } else { $fallback }
    }
    $md.Add('## INPUTS')
    $inputTypes = @($cmd.Parameters.Values | Where-Object { $_.Name -notin $common } | Where-Object {
            @($_.ParameterSets.Values | Where-Object { $_.ValueFromPipeline -or $_.ValueFromPipelineByPropertyName }).Count } |
        ForEach-Object { $_.ParameterType.FullName } | Select-Object -Unique)
    if ($inputTypes.Count -eq 0) { $md.Add("`n### None`n$(& $describe 'None' ($old ? $old.Inputs : $null) 'This cmdlet takes no pipeline input.')") }
    foreach ($t in $inputTypes) { $md.Add("`n### $t`n$(& $describe $t ($old ? $old.Inputs : $null) ($shared["Input:$t"] ?? 'Bound by property name from piped objects; see the parameters marked "Accept pipeline input".'))") }
    $md.Add("`n## OUTPUTS")
    $outputTypes = @($cmd.OutputType | ForEach-Object Name | Select-Object -Unique)
    if ($outputTypes.Count -eq 0) { $md.Add("`n### None`n$(& $describe 'None' ($old ? $old.Outputs : $null) 'This cmdlet writes no output.')") }
    foreach ($t in $outputTypes) { $md.Add("`n### $t`n$(& $describe $t ($old ? $old.Outputs : $null) ($shared["Output:$t"] ?? ($placeholder -f 'output description')))") }
    $md.Add("`n## NOTES`n$(& $keep 'NOTES' 'Notes')`n")
    $links = if ($oldSections.Contains('RELATED LINKS') -and $oldSections['RELATED LINKS']) { $oldSections['RELATED LINKS'] } else { '[about_Milvus](about_Milvus.md)' }
    $md.Add("## RELATED LINKS`n`n$links")
    [System.IO.File]::WriteAllText($path, ($md -join "`n") + "`n", [System.Text.UTF8Encoding]::new($false))
    Write-Verbose "Wrote $path"
}
