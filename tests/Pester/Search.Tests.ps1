# Search-MilvusEntity and New-MilvusAnnSearchRequest against a local .db and against Milvus.Local.Server on loopback.
BeforeDiscovery { $backends = @(@{ Backend = 'local' }, @{ Backend = 'server' }) }

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'DataTests.Helpers.psm1') -Force
    Import-MilvusUnderTest
}

Describe 'Search cmdlets (<Backend>)' -ForEach $backends {
    BeforeAll {
        $ctx = Connect-TestBackend -Backend $Backend
        $c = $ctx.Connection
        # COSINE on 2-d vectors with known scores: query [1,0] -> id1 1.0, id2 0.6, id3 0.0.
        $col = New-TestName 'srch'
        New-MilvusCollection -Connection $c -Name $col -Dimension 2 -ConsistencyLevel Strong | Out-Null
        @(
            @{ id = 1; vector = [float[]](1, 0); genre = 'a'; title = 'one' }
            @{ id = 2; vector = [float[]](0.6, 0.8); genre = 'b'; title = 'two' }
            @{ id = 3; vector = [float[]](0, 1); genre = 'a'; title = 'three' }
        ) | Add-MilvusEntity -Connection $c -CollectionName $col

        # Two vector fields with the same ordering, for hybrid search, and a scalar field for group-by.
        $hyb = New-TestName 'hyb'
        $fields = @(
            New-MilvusField -Name id -DataType Int64 -IsPrimaryKey
            New-MilvusField -Name genre -DataType VarChar -MaxLength 16
            New-MilvusField -Name dense -DataType FloatVector -Dimension 2
            New-MilvusField -Name dense2 -DataType FloatVector -Dimension 2
        )
        New-MilvusCollection -Connection $c -Name $hyb -Field $fields -ConsistencyLevel Strong | Out-Null
        New-MilvusIndex -Connection $c -CollectionName $hyb -FieldName dense -IndexType FLAT -MetricType COSINE | Out-Null
        New-MilvusIndex -Connection $c -CollectionName $hyb -FieldName dense2 -IndexType FLAT -MetricType COSINE | Out-Null
        Mount-MilvusCollection -Connection $c -Name $hyb | Out-Null
        @(
            @{ id = 1; genre = 'a'; dense = '1,0'; dense2 = '1,0' }
            @{ id = 2; genre = 'b'; dense = '0.6,0.8'; dense2 = '0.6,0.8' }
            @{ id = 3; genre = 'a'; dense = '0,1'; dense2 = '0,1' }
        ) | Add-MilvusEntity -Connection $c -CollectionName $hyb
    }
    AfterAll { Disconnect-TestBackend $ctx }

    Context 'progress of large searches' {
        It 'reports Write-Progress (queries searched, rate) for many piped queries sent in batches, hits in query order' {
            $run = Invoke-WithProgress -Variable @{ c = $c; col = $col } {
                # A pause half way makes the work outlast the quiet period on any machine (an idle one searches 10,000 in < 0.5 s).
                $queries = { foreach ($i in 1..10000) { if ($i -eq 5001) { Start-Sleep -Milliseconds 700 }; [pscustomobject]@{ Vector = [float[]](1, 0) } } }
                $hits = @(& $queries | Search-MilvusEntity -Connection $c -CollectionName $col -Limit 1 -BatchSize 10)
                $hits.Count; $hits[-1].QueryIndex; @($hits | Where-Object Id -ne 1).Count
            }
            $run.Output | Should -Be @(10000, 9999, 0)
            $working = @($run.Progress | Where-Object RecordType -eq 'Processing')
            $working.Count | Should -BeGreaterThan 0 -Because 'the search outlasts the quiet period'
            $working[-1].Activity | Should -BeExactly "Search '$col'"
            $working[-1].StatusDescription | Should -Match '^\d{1,3}(,\d{3})* queries searched, \d{1,3}(,\d{3})* queries/s$'
            $run.Progress[-1].RecordType | Should -Be 'Completed'
        }
        It 'shows no progress for one query' {
            $run = Invoke-WithProgress -Variable @{ c = $c; col = $col } { @(Search-MilvusEntity -Connection $c -CollectionName $col -Vector 1, 0 -Limit 2).Id }
            $run.Output | Should -Be @(1, 2)
            $run.Progress.Count | Should -Be 0
        }
    }

    It 'returns ranked hits with exact ids and distances' {
        $hits = @(Search-MilvusEntity -Connection $c -CollectionName $col -Vector 1, 0 -Limit 2 -Property title)
        $hits.Count | Should -Be 2
        ($hits | ForEach-Object Rank) | Should -Be @(1, 2)
        $hits.Id | Should -Be @(1, 2)
        $hits | ForEach-Object { [math]::Round($_.Distance, 5) } | Should -Be @(1.0, 0.6)
        $hits.QueryIndex | Should -Be @(0, 0)
        $hits.title | Should -Be @('one', 'two')
        $hits[0].PSObject.TypeNames[0] | Should -BeExactly 'Milvus.SearchHit'
    }
    It 'filters with a Milvus expression (dynamic field)' {
        (Search-MilvusEntity -Connection $c -CollectionName $col -Vector 1, 0 -Limit 5 -Filter 'genre == "a"').Id | Should -Be @(1, 3)
    }
    It 'runs one query per piped object and tags hits with QueryIndex' {
        $queries = [pscustomobject]@{ Vector = [float[]](1, 0) }, [pscustomobject]@{ Vector = [float[]](0, 1) }
        $hits = @($queries | Search-MilvusEntity -Connection $c -CollectionName $col -Limit 1)
        $hits.Id | Should -Be @(1, 3)
        $hits.QueryIndex | Should -Be @(0, 1)
        ($hits | ForEach-Object Rank) | Should -Be @(1, 1)
    }
    It 'runs one query per vector of a list given to -Vector (pymilvus data=[[...], [...]])' {
        $hits = @(Search-MilvusEntity -Connection $c -CollectionName $col -Vector (1, 0), (0, 1), '0.6,0.8' -Limit 2 -Property title)
        $hits.Id | Should -Be @(1, 2, 3, 2, 2, 3)
        $hits.QueryIndex | Should -Be @(0, 0, 1, 1, 2, 2)
        ($hits | ForEach-Object Rank) | Should -Be @(1, 2, 1, 2, 1, 2)
        $hits | ForEach-Object { [math]::Round($_.Distance, 5) } | Should -Be @(1.0, 0.6, 1.0, 0.8, 1.0, 0.8)
        @(Search-MilvusEntity -Connection $c -CollectionName $col -Vector (, [float[]](0, 1)) -Limit 1).Id | Should -Be 3
    }
    It 'refuses a -Vector list that mixes vectors and numbers, and several vectors with -Iterate' {
        { Search-MilvusEntity -Connection $c -CollectionName $col -Vector (1, 0), 1 -ErrorAction Stop } |
            Should -Throw -ErrorId 'ParameterArgumentTransformationError*' -ExpectedMessage '*it mixes 1 vectors with 1 numbers; give one vector, or a list of vectors for several queries*'
        $e = { Search-MilvusEntity -Connection $c -CollectionName $col -Vector (1, 0), (0, 1) -Iterate -ErrorAction Stop } | Should -Throw -PassThru
        $e.FullyQualifiedErrorId | Should -BeExactly 'MilvusSearchIteratorOneQuery,Milvus.PowerShell.Commands.SearchMilvusEntityCommand'
        $e.Exception.Message | Should -BeExactly '-Iterate searches one query vector; -Vector holds 2.'
    }
    It 'keeps QueryIndex across request batches (-BatchSize)' {
        $queries = '1,0', '0,1', '0.6,0.8' | ForEach-Object { [pscustomobject]@{ Vector = $_ } }
        $hits = @($queries | Search-MilvusEntity -Connection $c -CollectionName $col -Limit 1 -BatchSize 2 -Verbose 4>$null)
        $hits.Id | Should -Be @(1, 3, 2)
        $hits.QueryIndex | Should -Be @(0, 1, 2)
    }
    It 'binds vector text from CSV rows' {
        $hits = @('vector', '"[0, 1]"' | ConvertFrom-Csv | Search-MilvusEntity -Connection $c -CollectionName $col -Limit 2 -Property title)
        $hits.Id | Should -Be @(3, 2)
        [math]::Round($hits[1].Distance, 5) | Should -Be 0.8
    }
    It 'rejects vector text that is not numbers as a parameter binding error' {
        { Search-MilvusEntity -Connection $c -CollectionName $col -Vector 'x,y' -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentTransformationError*'
    }
    It 'hides vector fields from the default view of hits' {
        $hit = Search-MilvusEntity -Connection $c -CollectionName $col -Vector 1, 0 -Limit 1 -Property vector, title
        $hit.vector.Count | Should -Be 2
        $hit.PSStandardMembers.DefaultDisplayPropertySet.ReferencedPropertyNames | Should -Not -Contain 'vector'
        $hit.PSStandardMembers.DefaultDisplayPropertySet.ReferencedPropertyNames | Should -Contain 'Distance'
    }
    It 'limits hits per query with -Limit (alias TopK)' {
        @(Search-MilvusEntity -Connection $c -CollectionName $col -Vector 1, 0 -TopK 3).Count | Should -Be 3
    }
    It 'groups hits by a scalar field' {
        $hits = @(Search-MilvusEntity -Connection $c -CollectionName $hyb -Vector 1, 0 -AnnsField dense -Limit 2 -GroupBy genre -Property genre)
        $hits.Id | Should -Be @(1, 2)
        $hits.genre | Should -Be @('a', 'b')
    }
    It 'builds AnnSearchRequest objects' {
        $r = New-MilvusAnnSearchRequest -AnnsField dense -Vector 1, 0 -Limit 3 -MetricType COSINE
        $r | Should -BeOfType ([Milvus.PowerShell.Models.MilvusAnnSearchRequest])
        $r.QueryCount | Should -Be 1
        $r.Limit | Should -Be 3
    }
    It 'takes several queries in one AnnSearchRequest from a list of vectors' {
        $r1 = New-MilvusAnnSearchRequest -AnnsField dense -Vector (1, 0), (0, 1) -Limit 3
        $r1.QueryCount | Should -Be 2
        $r2 = New-MilvusAnnSearchRequest -AnnsField dense2 -Vector (1, 0), (0, 1) -Limit 3
        $hits = @(Search-MilvusEntity -Connection $c -CollectionName $hyb -Request $r1, $r2 -Ranker RRF -Limit 1)
        $hits.Id | Should -Be @(1, 3)
        $hits.QueryIndex | Should -Be @(0, 1)
    }
    It 'runs a hybrid search with RRF (k = 60)' {
        $r1 = New-MilvusAnnSearchRequest -AnnsField dense -Vector 1, 0 -Limit 3
        $r2 = New-MilvusAnnSearchRequest -AnnsField dense2 -Vector 1, 0 -Limit 3
        $hits = @(Search-MilvusEntity -Connection $c -CollectionName $hyb -Request $r1, $r2 -Ranker RRF -Limit 3 -Property genre)
        $hits.Id | Should -Be @(1, 2, 3)
        $hits | ForEach-Object { [math]::Round($_.Score, 6) } | Should -Be @([math]::Round(2 / 61, 6), [math]::Round(2 / 62, 6), [math]::Round(2 / 63, 6))
        $hits.genre | Should -Be @('a', 'b', 'a')
    }
    It 'shows a hybrid search''s fused value as Score, not Distance, and no QueryIndex column' {
        $r1 = New-MilvusAnnSearchRequest -AnnsField dense -Vector 1, 0 -Limit 3
        $r2 = New-MilvusAnnSearchRequest -AnnsField dense2 -Vector 1, 0 -Limit 3
        $hits = @(Search-MilvusEntity -Connection $c -CollectionName $hyb -Request $r1, $r2 -Ranker Weighted -Weight 0.7, 0.3 -Limit 2)
        $hits[0].PSObject.Properties.Name | Should -Not -Contain 'Distance'
        $hits[0].Score | Should -BeOfType ([float])
        $hits[0].PSStandardMembers.DefaultDisplayPropertySet.ReferencedPropertyNames | Should -Be 'Rank', 'Id', 'Score'
    }
    It 'numbers -Offset hits from offset + 1' {
        $hits = @(Search-MilvusEntity -Connection $c -CollectionName $col -Vector 1, 0 -Limit 2 -Offset 1)
        $hits.Id | Should -Be @(2, 3)
        ($hits | ForEach-Object Rank) | Should -Be @(2, 3)
    }
    It 'shows QueryIndex only when there is more than one query' {
        $one = @(Search-MilvusEntity -Connection $c -CollectionName $col -Vector 1, 0 -Limit 1 -Property title)
        $one[0].PSStandardMembers.DefaultDisplayPropertySet.ReferencedPropertyNames | Should -Be 'Rank', 'Id', 'Distance', 'title'
        $one[0].QueryIndex | Should -Be 0
        $queries = [pscustomobject]@{ Vector = [float[]](1, 0) }, [pscustomobject]@{ Vector = [float[]](0, 1) }
        $two = @($queries | Search-MilvusEntity -Connection $c -CollectionName $col -Limit 1 -Property title)
        $two[0].PSStandardMembers.DefaultDisplayPropertySet.ReferencedPropertyNames | Should -Be 'Rank', 'Id', 'Distance', 'QueryIndex', 'title'
        ($one | Format-Table | Out-String -Width 80) | Should -Not -Match 'QueryIndex'
    }
    It 'refuses a -GroupBy field the collection lacks as InvalidArgument' {
        $e = try { Search-MilvusEntity -Connection $c -CollectionName $hyb -Vector 1, 0 -AnnsField dense -GroupBy nosuch -ErrorAction Stop } catch { $_ }
        $e.FullyQualifiedErrorId | Should -BeExactly 'MilvusEntityInvalidArgument,Milvus.PowerShell.Commands.SearchMilvusEntityCommand'
        $e.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $e.ErrorDetails.RecommendedAction | Should -BeExactly 'Check the field name with Get-MilvusCollection <name> (Fields).'
    }
    It 'runs a hybrid search with the Weighted ranker' {
        $r1 = New-MilvusAnnSearchRequest -AnnsField dense -Vector 1, 0 -Limit 3
        $r2 = New-MilvusAnnSearchRequest -AnnsField dense2 -Vector 1, 0 -Limit 3
        (Search-MilvusEntity -Connection $c -CollectionName $hyb -Request $r1, $r2 -Ranker Weighted -Weight 0.7, 0.3 -Limit 2).Id | Should -Be @(1, 2)
    }
    It 'stops with MilvusRankerWeightCountMismatch when weights and requests differ' {
        $r1 = New-MilvusAnnSearchRequest -AnnsField dense -Vector 1, 0
        { Search-MilvusEntity -Connection $c -CollectionName $hyb -Request $r1 -Ranker Weighted -Weight 0.5, 0.5 -ErrorAction Stop } |
            Should -Throw -ErrorId 'MilvusRankerWeightCountMismatch*'
    }
    It 'reports a search on a missing collection as MilvusCollectionNotFound' {
        1..5 | ForEach-Object { [pscustomobject]@{ Vector = [float[]](1, 0) } } |
            Search-MilvusEntity -Connection $c -CollectionName 'no_such_coll' -BatchSize 2 -ErrorVariable err -ErrorAction SilentlyContinue
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'MilvusCollectionNotFound*'
    }
    It 'Search-MilvusEntity -ClusterId searches as usual on a single-cluster server' {
        @(Search-MilvusEntity -Connection $c -CollectionName $col -Vector 1, 0 -Limit 1 -ClusterId 'cluster-a').Id | Should -Be @(1)
    }
}

Describe 'Search-MilvusEntity -Iterate (<Backend>)' -ForEach $backends {
    BeforeAll {
        $ctx = Connect-TestBackend -Backend $Backend
        $c = $ctx.Connection
        $col = New-TestName 'gap'
        New-MilvusCollection -Connection $c -Name $col -Dimension 2 -ConsistencyLevel Strong | Out-Null
        1..50 | ForEach-Object { @{ id = $_; vector = [float[]]($_, 1) } } | Add-MilvusEntity -Connection $c -CollectionName $col
    }
    AfterAll { Disconnect-TestBackend $ctx }

    It 'Search-MilvusEntity -Iterate pages through the same hits as one search, in order' {
        $search = @(Search-MilvusEntity -Connection $c -CollectionName $col -Vector 0.5, 1 -Limit 20)
        $pages = @(Search-MilvusEntity -Connection $c -CollectionName $col -Vector 0.5, 1 -Limit 20 -Iterate -BatchSize 7)
        $pages.Count | Should -Be 20
        $pages.Id | Should -Be (1..20)
        $pages.Id | Should -Be $search.Id
        $pages.Distance | Should -Be $search.Distance
        [math]::Round($pages[0].Distance, 6) | Should -Be 0.948683   # COSINE of (0.5, 1) and (1, 1): 1.5 / sqrt(2.5)
        [math]::Round($pages[1].Distance, 6) | Should -Be 0.8
        ($pages | ForEach-Object Rank) | Should -Be (1..20)
        ($pages | ForEach-Object QueryIndex | Select-Object -Unique) | Should -Be 0
    }
    It 'Search-MilvusEntity -Iterate without -Limit returns every hit once' {
        $all = @(Search-MilvusEntity -Connection $c -CollectionName $col -Vector 0.5, 1 -Iterate -BatchSize 7)
        $all.Count | Should -Be 50
        @($all.Id | Select-Object -Unique).Count | Should -Be 50
        $all[-1].Id | Should -Be 50
    }
    It 'Search-MilvusEntity -Iterate reports Write-Progress (hits read, rate) while it pages through many hits (issue 17 §3)' {
        $run = Invoke-WithProgress -Variable @{ c = $c; col = $col } {
            # A pause half way makes the iteration outlast the quiet period on any machine.
            @(Search-MilvusEntity -Connection $c -CollectionName $col -Vector 0.5, 1 -Iterate -BatchSize 5 |
                ForEach-Object { if ($_.Rank -eq 25) { Start-Sleep -Milliseconds 700 }; $_ }).Count
        }
        $run.Output | Should -Be 50
        $working = @($run.Progress | Where-Object RecordType -eq 'Processing')
        $working.Count | Should -BeGreaterThan 0 -Because 'the iteration outlasts the quiet period'
        $working[-1].Activity | Should -BeExactly "Search '$col' (query 0)"
        $working[-1].StatusDescription | Should -Match '^\d{1,3}(,\d{3})* hits read, \d{1,3}(,\d{3})* hits/s$'
        $working[-1].PercentComplete | Should -Be -1
        $run.Progress[-1].RecordType | Should -Be 'Completed'
    }
    It 'Search-MilvusEntity -Iterate stops cleanly under Select-Object -First' {
        $first = @(Search-MilvusEntity -Connection $c -CollectionName $col -Vector 0.5, 1 -Iterate -BatchSize 2 | Select-Object -First 3)
        $first.Id | Should -Be 1, 2, 3
    }
    It 'Search-MilvusEntity -Iterate honours -Filter and -Property' {
        $hits = @(Search-MilvusEntity -Connection $c -CollectionName $col -Vector 0.5, 1 -Iterate -BatchSize 4 -Filter 'id > 40' -Property id)
        $hits.Id | Should -Be (41..50)
    }
    It 'Search-MilvusEntity -Iterate iterates each piped query vector in turn, numbered by QueryIndex' {
        $hits = @([pscustomobject]@{ Vector = [float[]](0.5, 1) }, [pscustomobject]@{ Vector = [float[]](50, 1) } |
            Search-MilvusEntity -Connection $c -CollectionName $col -Iterate -BatchSize 2 -Limit 3)
        ($hits | ForEach-Object QueryIndex) | Should -Be 0, 0, 0, 1, 1, 1
        ($hits | ForEach-Object Rank) | Should -Be 1, 2, 3, 1, 2, 3
        $hits[0..2].Id | Should -Be 1, 2, 3
        $hits[3].Id | Should -Be 50
    }
    It 'Search-MilvusEntity -Iterate refuses -GroupBy with a typed error' {
        { Search-MilvusEntity -Connection $c -CollectionName $col -Vector 0.5, 1 -Iterate -GroupBy id -ErrorAction Stop } |
            Should -Throw -ErrorId 'MilvusIteratorOptionNotSupported*'
    }
}
