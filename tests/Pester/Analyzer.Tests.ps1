# Invoke-MilvusAnalyzer and analyzer-backed filters (text_match, phrase_match), against a local .db and Milvus.Local.Server.
BeforeDiscovery { $backends = @(@{ Backend = 'local' }, @{ Backend = 'server' }) }

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'DataTests.Helpers.psm1') -Force
    Import-MilvusUnderTest
}

Describe 'Analyzers (<Backend>)' -ForEach $backends {
    BeforeAll {
        $ctx = Connect-TestBackend -Backend $Backend
        $c = $ctx.Connection
        $col = New-TestName 'fts'
        $schema = (New-MilvusField id Int64 -IsPrimaryKey),
            (New-MilvusField body VarChar -MaxLength 256 -EnableAnalyzer -EnableMatch -AnalyzerParams @{ type = 'english' }),
            (New-MilvusField vector FloatVector -Dimension 2) | New-MilvusSchema
        New-MilvusCollection -Connection $c -Name $col -Schema $schema -ConsistencyLevel Strong | Out-Null
        @(
            @{ id = 1; body = 'The runners were running fast'; vector = [float[]](1, 0) },
            @{ id = 2; body = 'A runner runs'; vector = [float[]](1, 0) },
            @{ id = 3; body = 'Quick brown foxes'; vector = [float[]](1, 0) }
        ) | Add-MilvusEntity -Connection $c -CollectionName $col
        New-MilvusIndex -Connection $c -CollectionName $col -FieldName vector -IndexType FLAT -MetricType L2 | Out-Null
        Mount-MilvusCollection -Connection $c -Name $col | Out-Null
    }
    AfterAll { Disconnect-TestBackend $ctx }

    It 'Invoke-MilvusAnalyzer returns the tokens of each text' {
        $r = @(Invoke-MilvusAnalyzer -Connection $c -Text 'Milvus is a vector database', 'Hello, WORLD' -AnalyzerParameter @{ tokenizer = 'standard'; filter = @('lowercase') })
        $r.Count | Should -Be 2
        $r[0].Tokens | Should -Be @('milvus', 'is', 'a', 'vector', 'database')
        $r[1].Tokens | Should -Be @('hello', 'world')
        (Invoke-MilvusAnalyzer -Connection $c -Text '机器学习是人工智能的一个分支' -AnalyzerParameter @{ type = 'chinese' }).Tokens |
            Should -Be @('机器', '学习', '是', '人工', '智能', '人工智能', '的', '一个', '分支')
    }
    It 'Invoke-MilvusAnalyzer -Detail -Hash gives UTF-8 byte offsets, positions and hashes' {
        $r = Invoke-MilvusAnalyzer -Connection $c -Text 'Café hello' -AnalyzerParameter @{ type = 'standard' } -Detail -Hash
        $r.Tokens | Should -Be @('café', 'hello')
        $r.Details[0].StartOffset | Should -Be 0
        $r.Details[0].EndOffset | Should -Be 5
        $r.Details[1].StartOffset | Should -Be 6
        $r.Details[1].Position | Should -Be 1
        $r.Details[1].Hash | Should -Be 907060870
    }
    It 'Invoke-MilvusAnalyzer -CollectionName -FieldName uses the field analyzer' {
        (Invoke-MilvusAnalyzer -Connection $c -Text 'The runners were running' -CollectionName $col -FieldName body).Tokens |
            Should -Be @('runner', 'were', 'run')
    }
    It 'Invoke-MilvusAnalyzer reports invalid analyzer parameters as an error record' {
        Invoke-MilvusAnalyzer -Connection $c -Text 'x' -AnalyzerParameter @{ tokenizer = 'nope' } -ErrorVariable err -ErrorAction SilentlyContinue | Out-Null
        $err.Count | Should -Be 1
        $err[0].Exception.Message | Should -BeLike '*unsupported tokenizer: nope*'
    }
    It 'text_match and phrase_match filter through the field analyzer' {
        @(Get-MilvusEntity -Connection $c -CollectionName $col -Filter "text_match(body, 'run')" -Property id).id | Sort-Object | Should -Be @(1, 2)
        @(Get-MilvusEntity -Connection $c -CollectionName $col -Filter "phrase_match(body, 'brown fox')" -Property id).id | Should -Be @(3)
    }
}
