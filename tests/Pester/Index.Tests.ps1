# Indexes: list with parameters and progress, create (scalar, named, -NoWait), change, remove, completers. Local .db and server.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Milvus.TestHelpers.psm1') -Force
    Import-Module (Get-MilvusTestModulePath) -Force
}

Describe 'Indexes (<Mode>)' -Tag Integration -ForEach @(@{ Mode = 'local' }, @{ Mode = 'server' }) {
    BeforeAll {
        $script:Target = Connect-MilvusDocsTarget -Mode $Mode
        # The partition suite's load test creates this index; here it is the starting point.
        New-MilvusIndex docs embedding -IndexType FLAT -MetricType IP | Out-Null
    }

    AfterAll {
        Disconnect-MilvusTestTarget $script:Target
    }

    It 'lists indexes with their parameters and progress' {
        $index = Get-MilvusIndex docs
        $index.IndexName | Should -Be 'embedding'
        $index.FieldName | Should -Be 'embedding'
        $index.IndexType | Should -Be 'FLAT'
        $index.MetricType | Should -Be 'IP'
        $index.State | Should -Be 'Finished'
        $index.CollectionName | Should -Be 'docs'
    }

    It 'shows indexes in 80 columns without wrapping (issue 17 §10)' {
        $lines = (Get-MilvusIndex docs | Format-Table | Out-String -Width 80) -split '\r?\n' | Where-Object { $_.Trim() }
        $lines[0] -split '\s+' | Should -Be @('IndexName', 'FieldName', 'IndexType', 'MetricType', 'State', 'Rows')
        $lines.Count | Should -Be 3
        $index = Get-MilvusIndex docs
        $lines[2] | Should -Match "Finished +$($index.IndexedRows)/$($index.TotalRows)$"
    }

    It 'keeps the longest index type in 80 columns, rows as indexed/total' {
        $wide = [Milvus.PowerShell.Models.MilvusIndexInfo]@{ IndexName = 'body_sparse'; FieldName = 'body_sparse'; IndexType = 'SPARSE_INVERTED_INDEX'
            MetricType = 'BM25'; State = 'InProgress'; IndexedRows = 65536; TotalRows = 100000 }
        $lines = ($wide | Format-Table | Out-String -Width 80) -split '\r?\n' | Where-Object { $_.Trim() }
        $lines.Count | Should -Be 3
        $lines[2] -split '\s+' | Should -Be @('body_sparse', 'body_sparse', 'SPARSE_INVERTED_INDEX', 'BM25', 'InProgress', '65536/100000')
    }

    It 'creates a scalar index with a name, and filters by field and wildcard' {
        $index = New-MilvusIndex -CollectionName docs -FieldName category -IndexType INVERTED -IndexName cat_idx
        $index.IndexName | Should -Be 'cat_idx'
        (Get-MilvusIndex docs | Sort-Object IndexName).IndexName | Should -Be @('cat_idx', 'embedding')
        (Get-MilvusIndex docs -FieldName category).IndexName | Should -Be 'cat_idx'
        (Get-MilvusIndex docs 'cat*').IndexName | Should -Be 'cat_idx'
        Get-MilvusIndex docs nosuch -ErrorAction SilentlyContinue -ErrorVariable err
        $err[0].FullyQualifiedErrorId | Should -Be 'MilvusIndexNotFound,Milvus.PowerShell.Commands.Index.GetMilvusIndexCommand'
    }

    It 'changes index properties' {
        $index = Set-MilvusIndex docs embedding -Property @{ 'mmap.enabled' = $true } -PassThru
        $index.Parameters['mmap.enabled'] | Should -Be 'true'
    }

    It 'drops an index through the pipeline' {
        Get-MilvusIndex docs cat_idx | Remove-MilvusIndex -Confirm:$false
        (Get-MilvusIndex docs).IndexName | Should -Be 'embedding'
    }

    It 'returns at once with -NoWait, once the server has the index' {
        $index = New-MilvusIndex -CollectionName docs -FieldName category -IndexType INVERTED -IndexName cat_nowait -NoWait
        $index.IndexName | Should -Be 'cat_nowait'
        $index.FieldName | Should -Be 'category'
        Remove-MilvusIndex -CollectionName docs -IndexName cat_nowait
        (Get-MilvusIndex docs).IndexName | Should -Be 'embedding'
    }

    It 'tells the build state the client reported while it waited (3,000 rows, HNSW), without a second poll' {
        $fields = (New-MilvusField id Int64 -IsPrimaryKey), (New-MilvusField vec FloatVector -Dimension 4)
        New-MilvusCollection -Name built -Field $fields | Out-Null
        Add-MilvusEntity -CollectionName built -InputObject (1..3000 | ForEach-Object { @{ id = $_; vec = [float[]]($_, 1, 0, 0) } })
        Save-MilvusCollection -Name built
        $output = New-MilvusIndex -CollectionName built -FieldName vec -IndexType HNSW -MetricType L2 -IndexName vec_hnsw -Verbose 4>&1
        $index = $output | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }
        $verbose = @($output | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message
        $verbose | Should -Contain "Index 'vec_hnsw' Finished: 3000 of 3000 rows indexed."
        "$($index.IndexName) $($index.State) $($index.IndexedRows)/$($index.TotalRows)" | Should -BeExactly 'vec_hnsw Finished 3000/3000'
        Remove-MilvusCollection -Name built -Confirm:$false
    }

    It 'writes MilvusIndexNotFound for an index that does not exist' {
        Remove-MilvusIndex -CollectionName docs -IndexName no_such_index -ErrorVariable err -ErrorAction SilentlyContinue
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Be 'MilvusIndexNotFound,Milvus.PowerShell.Commands.Index.RemoveMilvusIndexCommand'
        (Get-MilvusIndex docs).IndexName | Should -Be 'embedding'
    }

    It 'honours -WhatIf' {
        Invoke-MilvusWhatIf -Connection $script:Target.Connection { New-MilvusIndex -CollectionName docs -FieldName category -IndexType INVERTED -WhatIf } | Should -BeNullOrEmpty
        (Get-MilvusIndex docs).IndexName | Should -Be 'embedding'
    }

    It 'completes index names' {
        $line = 'Remove-MilvusIndex -CollectionName docs -IndexName em'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be @('embedding')
    }
}
