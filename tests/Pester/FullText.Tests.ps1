# Full-text search from PowerShell: a BM25 function on a text field, Search-MilvusEntity -Text with scores equal to a
# hand-computed BM25, hybrid BM25 + dense search with RRF, and Add-MilvusFunctionField on a collection with rows.
BeforeDiscovery { $backends = @(@{ Backend = 'local' }, @{ Backend = 'server' }) }

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'DataTests.Helpers.psm1') -Force
    Import-MilvusUnderTest
    $script:Docs = @('The quick brown fox', 'the lazy dog', 'Quick quick fox jumps', 'a dog and a fox', 'Milvus vector database')

    # Milvus's BM25 with k1 1.2, b 0.75: IDF log(1 + (N - n + 0.5) / (n + 0.5)), avgdl = tokens / rows.
    function Get-Bm25([string[]] $Corpus, [string] $Doc, [string] $Query) {
        $tokens = { param($s) @($s.ToLowerInvariant() -split ' ' | Where-Object { $_ }) }
        $docs = @($Corpus | ForEach-Object { , (& $tokens $_) })
        $avgdl = ($docs | ForEach-Object { $_.Count } | Measure-Object -Sum).Sum / $docs.Count
        $words = & $tokens $Doc
        $score = 0.0
        foreach ($group in (& $tokens $Query) | Group-Object) {
            $tf = @($words | Where-Object { $_ -ceq $group.Name }).Count
            if ($tf -eq 0) { continue }
            $n = @($docs | Where-Object { $_ -ccontains $group.Name }).Count
            $idf = [math]::Log(1 + ($docs.Count - $n + 0.5) / ($n + 0.5))
            $score += $group.Count * $idf * $tf * 2.2 / ($tf + 1.2 * (0.25 + 0.75 * $words.Count / $avgdl))
        }
        $score
    }
}

Describe 'Full-text search (<Backend>)' -ForEach $backends {
    BeforeAll {
        $ctx = Connect-TestBackend -Backend $Backend
        $c = $ctx.Connection
        $col = New-TestName 'fts'
        $fields = @(
            New-MilvusField -Name id -DataType Int64 -IsPrimaryKey
            New-MilvusField -Name text -DataType VarChar -MaxLength 1000 -EnableAnalyzer
            New-MilvusField -Name sparse -DataType SparseFloatVector
            New-MilvusField -Name dense -DataType FloatVector -Dimension 2
        )
        $bm25 = New-MilvusFunction -Name bm25 -FunctionType BM25 -InputField text -OutputField sparse
        New-MilvusCollection -Connection $c -Name $col -Field $fields -Function $bm25 -ConsistencyLevel Strong | Out-Null
        New-MilvusIndex -Connection $c -CollectionName $col -FieldName sparse -IndexType SPARSE_INVERTED_INDEX -MetricType BM25 | Out-Null
        New-MilvusIndex -Connection $c -CollectionName $col -FieldName dense -IndexType FLAT -MetricType IP | Out-Null
        Mount-MilvusCollection -Connection $c -Name $col | Out-Null
        $dense = @('0.5,0', '0.8,0', '0,1', '0.9,0', '0.1,0')
        0..4 | ForEach-Object { @{ id = $_ + 1; text = $Docs[$_]; dense = $dense[$_] } } | Add-MilvusEntity -Connection $c -CollectionName $col
    }
    AfterAll { Disconnect-TestBackend $ctx }

    It 'Search-MilvusEntity -Text ranks by BM25 with Milvus''s scores' {
        $hits = @(Search-MilvusEntity -Connection $c -CollectionName $col -AnnsField sparse -Text 'quick fox' -Limit 5 -Property text)
        $hits.Id | Should -Be @(3, 1, 4)
        $hits.text | Should -Be @($Docs[2], $Docs[0], $Docs[3])
        foreach ($hit in $hits) {
            [math]::Abs($hit.Distance - (Get-Bm25 $Docs $hit.text 'quick fox')) | Should -BeLessThan 1e-5
        }
    }
    It 'runs one query per text' {
        $hits = @(Search-MilvusEntity -Connection $c -CollectionName $col -AnnsField sparse -Text 'lazy', 'database' -Limit 1)
        $hits.Id | Should -Be @(2, 5)
        $hits.QueryIndex | Should -Be @(0, 1)
    }
    It 'highlights the search terms with -Highlight' {
        $hits = @(Search-MilvusEntity -Connection $c -CollectionName $col -AnnsField sparse -Text 'quick fox' -Limit 2 -Highlight -HighlightTag '[', ']' -FragmentSize 10)
        $hits.Id | Should -Be @(3, 1)
        # A fragment starts at a term and spans at least 10 characters; a term past its end starts the next one.
        $hits[0].Highlight['text'] | Should -Be @('[Quick] [quick]', '[fox] jumps')
        $hits[1].Highlight['text'] | Should -Be @('[quick] brow', '[fox]')
        $first = @(Search-MilvusEntity -Connection $c -CollectionName $col -AnnsField sparse -Text 'quick fox' -Limit 2 -Highlight -HighlightTag '[', ']' -FragmentSize 10 -FragmentCount 1)
        $first[0].Highlight['text'] | Should -Be @('[Quick] [quick]')
        $first[1].Highlight['text'] | Should -Be @('[quick] brow')
        (Search-MilvusEntity -Connection $c -CollectionName $col -AnnsField sparse -Text 'lazy' -Limit 1 -Highlight).Highlight['text'] | Should -Be @('<em>lazy</em> dog')
        (Search-MilvusEntity -Connection $c -CollectionName $col -AnnsField sparse -Text 'lazy' -Limit 1).PSObject.Properties['Highlight'] | Should -BeNullOrEmpty
    }
    It 'fuses BM25 and dense search with RRF' {
        $text = New-MilvusAnnSearchRequest -AnnsField sparse -Text 'quick fox' -Limit 3
        $vector = New-MilvusAnnSearchRequest -AnnsField dense -Vector 1, 0 -Limit 3
        $hits = @(Search-MilvusEntity -Connection $c -CollectionName $col -Request $text, $vector -Ranker RRF -Limit 4)
        $hits.Id | Should -Be @(4, 1, 3, 2)
        # Milvus sums in float32.
        $hits.Score | Should -Be @([float]([float](1 / 63) + [float](1 / 61)), [float]([float](1 / 62) + [float](1 / 63)), [float](1 / 61), [float](1 / 62))
    }
    It 'refuses the function output in query outputs' {
        Get-MilvusEntity -Connection $c -CollectionName $col -Filter 'id > 0' -Property sparse -ErrorVariable err -ErrorAction SilentlyContinue
        $err.Count | Should -Be 1
        $err[0].Exception.Message | Should -BeExactly 'not allowed to retrieve raw data of field sparse'
    }
    It 'Add-MilvusFunctionField gives existing rows their sparse vectors' {
        $late = New-TestName 'late'
        $fields = @(
            New-MilvusField -Name id -DataType Int64 -IsPrimaryKey
            New-MilvusField -Name text -DataType VarChar -MaxLength 1000 -EnableAnalyzer
            New-MilvusField -Name dense -DataType FloatVector -Dimension 2
        )
        New-MilvusCollection -Connection $c -Name $late -Field $fields -ConsistencyLevel Strong | Out-Null
        New-MilvusIndex -Connection $c -CollectionName $late -FieldName dense -IndexType FLAT -MetricType L2 | Out-Null
        Mount-MilvusCollection -Connection $c -Name $late | Out-Null
        0..4 | ForEach-Object { @{ id = $_ + 1; text = $Docs[$_]; dense = '1,1' } } | Add-MilvusEntity -Connection $c -CollectionName $late
        $sparse = New-MilvusField -Name sparse -DataType SparseFloatVector
        $bm25 = New-MilvusFunction -Name bm25 -FunctionType BM25 -InputField text -OutputField sparse
        Add-MilvusFunctionField -Connection $c -Name $late -Field $sparse -Function $bm25 -IndexType SPARSE_INVERTED_INDEX -MetricType BM25 -Confirm:$false
        (Search-MilvusEntity -Connection $c -CollectionName $late -AnnsField sparse -Text 'quick fox' -Limit 5).Id | Should -Be @(3, 1, 4)
    }
}
