# Functions shared by tools/Build-Help.ps1 and tools/Update-HelpMarkdown.ps1: read PlatyPS-style cmdlet markdown,
# write MAML, and turn about_*.md topics into the plain-text layout Get-Help shows.
Set-StrictMode -Version Latest

function Split-MarkdownSection {
    # Splits text on headings of one level ("## " or "### ") into an ordered map: heading -> body text.
    param([string] $Text, [string] $Prefix)
    $sections = [ordered]@{}
    $current = $null
    $buffer = [System.Collections.Generic.List[string]]::new()
    $inFence = $false
    foreach ($line in $Text -split "`r?`n") {
        if ($line.StartsWith('```')) { $inFence = -not $inFence }
        if (-not $inFence -and $line.StartsWith($Prefix)) {
            if ($null -ne $current) { $sections[$current] = ($buffer -join "`n").Trim() }
            $current = $line.Substring($Prefix.Length).Trim()
            $buffer.Clear()
            continue
        }
        $buffer.Add($line)
    }
    if ($null -ne $current) { $sections[$current] = ($buffer -join "`n").Trim() }
    $sections
}

function Get-MarkdownFence {
    # Returns the contents of every fenced code block in a text, in order.
    param([string] $Text)
    $found = [regex]::Matches($Text, '(?ms)^```[a-zA-Z]*\r?\n(.*?)\r?\n?```')
    foreach ($m in $found) { $m.Groups[1].Value }
}

function Remove-MarkdownFence {
    param([string] $Text)
    ([regex]::Replace($Text, '(?ms)^```[a-zA-Z]*\r?\n.*?```', '')).Trim()
}

function Get-Paragraph {
    # Splits prose into paragraphs (blank-line separated), joining wrapped lines.
    param([string] $Text)
    if ([string]::IsNullOrWhiteSpace($Text)) { return @() }
    foreach ($block in ($Text.Trim() -split "(\r?\n){2,}")) {
        $lines = @($block -split "`r?`n" | ForEach-Object { $_.TrimEnd() } | Where-Object { $_ -ne '' })
        if ($lines.Count -eq 0) { continue }
        # Keep list items on their own lines; join the rest.
        if ($lines[0] -match '^\s*([-*]|\d+\.)\s') { $lines -join "`n" } else { ($lines | ForEach-Object Trim) -join ' ' }
    }
}

function ConvertFrom-ParameterYaml {
    param([string] $Yaml)
    $map = @{}
    foreach ($line in $Yaml -split "`r?`n") {
        if ($line -match '^([A-Za-z ]+):\s*(.*)$') { $map[$Matches[1].Trim()] = $Matches[2].Trim() }
    }
    $map
}

function ConvertFrom-HelpMarkdown {
    <# Reads one PlatyPS-style cmdlet page into a plain object (name, synopsis, sets, parameters, examples...). #>
    param([Parameter(Mandatory)] [string] $Path)
    $text = Get-Content -Raw -LiteralPath $Path
    $text = [regex]::Replace($text, '(?s)^---\r?\n.*?\r?\n---\r?\n', '')
    if ($text -notmatch '(?m)^# (\S+)') { throw "Help page '$Path' has no '# <Command>' title." }
    $name = $Matches[1]
    $sections = Split-MarkdownSection -Text $text -Prefix '## '

    $syntax = Split-MarkdownSection -Text $sections['SYNTAX'] -Prefix '### '
    $sets = foreach ($key in $syntax.Keys) {
        [pscustomobject]@{ Name = ($key -replace '\s*\(Default\)$', ''); IsDefault = $key -match '\(Default\)$'; Text = (@(Get-MarkdownFence $syntax[$key]) -join '') }
    }

    $parameters = [System.Collections.Generic.List[object]]::new()
    $parameterSections = if ($sections.Contains('PARAMETERS')) { Split-MarkdownSection -Text $sections['PARAMETERS'] -Prefix '### ' } else { @{} }
    foreach ($key in $parameterSections.Keys) {
        if ($key -eq 'CommonParameters') { continue }
        $body = $parameterSections[$key]
        $yaml = ConvertFrom-ParameterYaml (@(Get-MarkdownFence $body) | Select-Object -Last 1)
        $parameters.Add([pscustomobject]@{
                Name          = $key.TrimStart('-')
                Description   = @(Get-Paragraph (Remove-MarkdownFence $body))
                Type          = $yaml['Type']
                Sets          = @(($yaml['Parameter Sets'] ?? '(All)') -split ',\s*')
                Aliases       = $yaml['Aliases'] ?? ''
                Required      = $yaml['Required'] ?? 'False'
                Position      = $yaml['Position'] ?? 'Named'
                DefaultValue  = $yaml['Default value'] ?? 'None'
                PipelineInput = $yaml['Accept pipeline input'] ?? 'False'
                Wildcards     = $yaml['Accept wildcard characters'] ?? 'False'
            })
    }

    $examples = foreach ($entry in (Split-MarkdownSection -Text $sections['EXAMPLES'] -Prefix '### ').GetEnumerator()) {
        [pscustomobject]@{
            Title   = $entry.Key
            Code    = (@(Get-MarkdownFence $entry.Value) -join "`n`n")
            Remarks = @(Get-Paragraph (Remove-MarkdownFence $entry.Value))
        }
    }

    $typeSection = {
        param($body)
        foreach ($entry in (Split-MarkdownSection -Text $body -Prefix '### ').GetEnumerator()) {
            [pscustomobject]@{ Type = $entry.Key; Description = @(Get-Paragraph $entry.Value) }
        }
    }
    $links = if ($sections.Contains('RELATED LINKS')) {
        foreach ($m in [regex]::Matches($sections['RELATED LINKS'], '\[([^\]]+)\]\(([^)]*)\)')) {
            [pscustomobject]@{ Text = $m.Groups[1].Value; Uri = $m.Groups[2].Value }
        }
    }
    [pscustomobject]@{
        Name        = $name
        Synopsis    = (@(Get-Paragraph $sections['SYNOPSIS']) -join ' ')
        Description = @(Get-Paragraph $sections['DESCRIPTION'])
        Sets        = @($sets)
        Parameters  = $parameters.ToArray()
        Examples    = @($examples)
        Inputs      = @(& $typeSection ($sections['INPUTS'] ?? ''))
        Outputs     = @(& $typeSection ($sections['OUTPUTS'] ?? ''))
        Notes       = @(Get-Paragraph ($sections['NOTES'] ?? ''))
        Links       = @($links)
    }
}

function Format-XmlText([string] $Value) { [System.Security.SecurityElement]::Escape($Value ?? '') }

function Format-MamlPara {
    param([string[]] $Paragraph, [string] $Indent)
    if (-not $Paragraph -or $Paragraph.Count -eq 0) { return "$Indent<maml:para />" }
    ($Paragraph | ForEach-Object { "$Indent<maml:para>$(Format-XmlText $_)</maml:para>" }) -join "`n"
}

function Format-MamlParameter {
    param($Parameter, [switch] $InSyntax)
    $p = $Parameter
    $isSwitch = $p.Type -eq 'SwitchParameter'
    $aliases = if ($p.Aliases) { $p.Aliases } else { 'none' }
    $position = if ($p.Position -eq 'Named') { 'named' } else { $p.Position }
    $lines = @(
        "        <command:parameter required=`"$($p.Required.ToLowerInvariant())`" variableLength=`"true`" globbing=`"$($p.Wildcards.ToLowerInvariant())`" pipelineInput=`"$(Format-XmlText $p.PipelineInput)`" position=`"$position`" aliases=`"$(Format-XmlText $aliases)`">"
        "          <maml:name>$($p.Name)</maml:name>"
        '          <maml:description>'
        (Format-MamlPara $p.Description '            ')
        '          </maml:description>'
    )
    if (-not ($isSwitch -and $InSyntax)) {
        $lines += "          <command:parameterValue required=`"$($p.Required.ToLowerInvariant())`" variableLength=`"false`">$(Format-XmlText $p.Type)</command:parameterValue>"
    }
    $lines += @(
        "          <dev:type><maml:name>$(Format-XmlText $p.Type)</maml:name><maml:uri /></dev:type>"
        "          <dev:defaultValue>$(Format-XmlText $p.DefaultValue)</dev:defaultValue>"
        '        </command:parameter>'
    )
    $lines -join "`n"
}

function Get-SetParameter {
    # The parameters of one syntax set in display order: positional first, then required, then the rest.
    param($Command, [string] $SetName, [bool] $OnlySet)
    $inSet = @($Command.Parameters | Where-Object { $_.Sets -contains '(All)' -or $_.Sets -contains $SetName -or $OnlySet })
    # Stable order: position, then required before optional, then the page's (alphabetical) order.
    $keyed = for ($i = 0; $i -lt $inSet.Count; $i++) {
        $p = $inSet[$i]
        $position = if ($p.Position -eq 'Named') { 1000 } else { [int] $p.Position }
        [pscustomobject]@{ Key = ('{0:D4}{1}{2:D4}' -f $position, [int] ($p.Required -ne 'True'), $i); Parameter = $p }
    }
    $keyed | Sort-Object Key | ForEach-Object Parameter
}

function Format-MamlTypeList {
    param($Items, [string] $Outer, [string] $Inner)
    $body = foreach ($item in $Items) {
        @(
            "      <command:$Inner>"
            "        <dev:type><maml:name>$(Format-XmlText $item.Type)</maml:name></dev:type>"
            '        <maml:description>'
            (Format-MamlPara $item.Description '          ')
            '        </maml:description>'
            "      </command:$Inner>"
        ) -join "`n"
    }
    "    <command:$Outer>`n$($body -join "`n")`n    </command:$Outer>"
}

function ConvertTo-Maml {
    <# Writes the MAML document (helpItems) for a list of parsed cmdlet pages. #>
    param([object[]] $Command)
    $sb = [System.Text.StringBuilder]::new()
    [void] $sb.AppendLine('<?xml version="1.0" encoding="utf-8"?>')
    [void] $sb.AppendLine('<helpItems schema="maml" xmlns="http://msh">')
    foreach ($c in $Command) {
        $verb, $noun = $c.Name -split '-', 2
        [void] $sb.AppendLine('  <command:command xmlns:maml="http://schemas.microsoft.com/maml/2004/10" xmlns:command="http://schemas.microsoft.com/maml/dev/command/2004/10" xmlns:dev="http://schemas.microsoft.com/maml/dev/2004/10" xmlns:MSHelp="http://msdn.microsoft.com/mshelp">')
        [void] $sb.AppendLine('    <command:details>')
        [void] $sb.AppendLine("      <command:name>$($c.Name)</command:name>")
        [void] $sb.AppendLine("      <command:verb>$verb</command:verb>")
        [void] $sb.AppendLine("      <command:noun>$noun</command:noun>")
        [void] $sb.AppendLine("      <maml:description>`n$(Format-MamlPara @($c.Synopsis) '        ')`n      </maml:description>")
        [void] $sb.AppendLine('    </command:details>')
        [void] $sb.AppendLine("    <maml:description>`n$(Format-MamlPara $c.Description '      ')`n    </maml:description>")
        [void] $sb.AppendLine('    <command:syntax>')
        $onlySet = $c.Sets.Count -le 1
        foreach ($set in $c.Sets) {
            [void] $sb.AppendLine('      <command:syntaxItem>')
            [void] $sb.AppendLine("        <maml:name>$($c.Name)</maml:name>")
            foreach ($p in Get-SetParameter -Command $c -SetName $set.Name -OnlySet $onlySet) {
                [void] $sb.AppendLine((Format-MamlParameter $p -InSyntax))
            }
            [void] $sb.AppendLine('      </command:syntaxItem>')
        }
        [void] $sb.AppendLine('    </command:syntax>')
        [void] $sb.AppendLine('    <command:parameters>')
        foreach ($p in $c.Parameters) { [void] $sb.AppendLine((Format-MamlParameter $p)) }
        [void] $sb.AppendLine('    </command:parameters>')
        [void] $sb.AppendLine((Format-MamlTypeList $c.Inputs 'inputTypes' 'inputType'))
        [void] $sb.AppendLine((Format-MamlTypeList $c.Outputs 'returnValues' 'returnValue'))
        [void] $sb.AppendLine("    <maml:alertSet>`n      <maml:alert>`n$(Format-MamlPara $c.Notes '        ')`n      </maml:alert>`n    </maml:alertSet>")
        [void] $sb.AppendLine('    <command:examples>')
        foreach ($e in $c.Examples) {
            [void] $sb.AppendLine('      <command:example>')
            [void] $sb.AppendLine("        <maml:title>-------------------------- $(Format-XmlText $e.Title) --------------------------</maml:title>")
            [void] $sb.AppendLine("        <dev:code>$(Format-XmlText $e.Code)</dev:code>")
            [void] $sb.AppendLine("        <dev:remarks>`n$(Format-MamlPara $e.Remarks '          ')`n        </dev:remarks>")
            [void] $sb.AppendLine('      </command:example>')
        }
        [void] $sb.AppendLine('    </command:examples>')
        [void] $sb.AppendLine('    <command:relatedLinks>')
        foreach ($l in $c.Links) {
            [void] $sb.AppendLine("      <maml:navigationLink><maml:linkText>$(Format-XmlText $l.Text)</maml:linkText><maml:uri>$(Format-XmlText $l.Uri)</maml:uri></maml:navigationLink>")
        }
        [void] $sb.AppendLine('    </command:relatedLinks>')
        [void] $sb.AppendLine('  </command:command>')
    }
    [void] $sb.AppendLine('</helpItems>')
    $sb.ToString()
}

function ConvertTo-AboutHelpText {
    <# Turns an about_*.md topic into the text layout of about_*.help.txt: headings flush left in capitals,
       prose indented four spaces, code indented eight. #>
    param([Parameter(Mandatory)] [string] $Markdown)
    $out = [System.Collections.Generic.List[string]]::new()
    $inFence = $false
    foreach ($line in $Markdown -split "`r?`n") {
        if ($line.StartsWith('```')) { $inFence = -not $inFence; continue }
        if ($inFence) { $out.Add(('        ' + $line).TrimEnd()); continue }
        if ($line -match '^# (.+)$') { $out.Add('TOPIC'); $out.Add('    ' + $Matches[1].Trim()); continue }
        if ($line -match '^#{2,} (.+)$') { $out.Add($Matches[1].Trim().ToUpperInvariant()); continue }
        $plain = $line -replace '\*\*([^*]+)\*\*', '$1' -replace '\[([^\]]+)\]\([^)]*\)', '$1'
        $out.Add(($plain.Length -gt 0 ? '    ' + $plain : '').TrimEnd())
    }
    ($out -join [Environment]::NewLine) + [Environment]::NewLine
}
