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
        $lines[0] -split '\s+' | Should -Be @('IndexName', 'FieldName', 'IndexType', 'MetricType', 'State', 'IndexedRows', 'TotalRows')
        $lines.Count | Should -Be 3
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
