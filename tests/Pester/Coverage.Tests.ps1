# Every pymilvus 3.0.1 client method (tests/data/pymilvus-methods.txt, the list the C# SurfaceCoverageTests read too) has a row
# in the cheat sheet of about_Milvus, and every cmdlet and parameter that row names exists. Rows marked **missing** are
# reported as skipped tests, so the gaps stay visible. No server needed.
BeforeDiscovery {
    $repoRoot = Split-Path (Split-Path $PSScriptRoot)

    # "[Section]" headers, one method name per line, '#' comments.
    $methods = [System.Collections.Generic.List[string]]::new()
    foreach ($raw in Get-Content (Join-Path $repoRoot 'tests/data/pymilvus-methods.txt')) {
        $line = ($raw -split '#')[0].Trim()
        if ($line -and $line -notmatch '^\[.*\]$') { $methods.Add($line) }
    }

    # Cheat sheet rows: | `method` | cmdlets and parameters | notes |
    $rows = @{}
    foreach ($line in Get-Content (Join-Path $repoRoot 'docs/en-US/about_Milvus.md')) {
        if ($line -match '^\|\s*`(?<method>\w+)`\s*\|(?<cmdlets>[^|]*)\|') {
            $rows[$Matches.method] = $Matches.cmdlets.Trim()
        }
    }

    $cases = foreach ($method in $methods) {
        $text = $rows[$method]
        # Each parameter belongs to the cmdlet named before it: "`New-MilvusIndex -FieldName -NoWait`, `Get-MilvusIndex`".
        $uses = [System.Collections.Generic.List[object]]::new()
        if ($text) {
            foreach ($token in [regex]::Matches($text, '\b[A-Z][a-z]+-Milvus\w*|(?<![\w-])-[A-Z]\w*')) {
                if ($token.Value.StartsWith('-')) {
                    if ($uses.Count -gt 0) { $uses[$uses.Count - 1].Parameters.Add($token.Value.Substring(1)) }
                    else { $uses.Add([pscustomobject]@{ Cmdlet = '(none)'; Parameters = [System.Collections.Generic.List[string]]@($token.Value.Substring(1)) }) }
                }
                else {
                    $uses.Add([pscustomobject]@{ Cmdlet = $token.Value; Parameters = [System.Collections.Generic.List[string]]::new() })
                }
            }
        }
        @{
            Method  = $method
            Text    = $text
            Missing = $text -match '\*\*missing\*\*'
            Uses    = $uses.ToArray()
        }
    }
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Milvus.TestHelpers.psm1') -Force
    Import-Module (Get-MilvusTestModulePath) -Force
    $script:Exported = @{}
    Get-Command -Module Milvus | ForEach-Object { $script:Exported[$_.Name] = $_ }
}

Describe 'pymilvus method list' -Tag Unit {
    It 'has the 117 AsyncMilvusClient methods, 4 inherited schema helpers and 3 MilvusClient-only ones, each once' -TestCases @(@{ Names = [string[]]$cases.Method }) {
        $names = $Names
        $names | Should -HaveCount 124
        @($names | Select-Object -Unique) | Should -HaveCount 124
    }
}

Describe 'Cheat sheet row for <Method>' -Tag Unit -ForEach $cases {
    It 'has a row in the about_Milvus cheat sheet' {
        $Text | Should -Not -BeNullOrEmpty -Because "docs/en-US/about_Milvus.md needs a row for $Method"
    }

    It 'names only exported cmdlets and their real parameters' -Skip:(-not $Text) {
        if ($Missing) { Set-ItResult -Skipped -Because "$Method has no cmdlet yet (marked **missing** in the cheat sheet)" }
        $Uses | Should -Not -BeNullOrEmpty -Because "the row for $Method must name a cmdlet"
        foreach ($use in $Uses) {
            $script:Exported.ContainsKey($use.Cmdlet) | Should -BeTrue -Because "$Method names $($use.Cmdlet)"
            foreach ($parameter in $use.Parameters) {
                $script:Exported[$use.Cmdlet].Parameters.ContainsKey($parameter) |
                    Should -BeTrue -Because "$Method names $($use.Cmdlet) -$parameter"
            }
        }
    }
}
