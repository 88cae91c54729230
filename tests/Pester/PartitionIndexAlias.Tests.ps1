# Partitions, indexes and aliases: create, list (wildcards), pipe, change, remove, completers. Local .db and server.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Milvus.TestHelpers.psm1') -Force
    Import-Module (Get-MilvusTestModulePath) -Force
}

Describe 'Partitions, indexes and aliases (<Mode>)' -Tag Integration -ForEach @(@{ Mode = 'local' }, @{ Mode = 'server' }) {
    BeforeAll {
        Disconnect-Milvus -All
        $script:Target = Connect-MilvusTestTarget -Mode $Mode
        $fields = (New-MilvusField id Int64 -IsPrimaryKey), (New-MilvusField category VarChar -MaxLength 32),
            (New-MilvusField embedding FloatVector -Dimension 4)
        New-MilvusCollection -Name docs -Field $fields | Out-Null
        New-MilvusCollection -Name other -Dimension 2 | Out-Null
    }

    AfterAll {
        Disconnect-MilvusTestTarget $script:Target
    }

    Context 'Partitions' {
        It 'creates partitions and lists them with row counts' {
            $created = New-MilvusPartition -CollectionName docs -PartitionName p2024, p2025
            $created.PartitionName | Should -Be @('p2024', 'p2025')
            $created[0].CollectionName | Should -Be 'docs'
            (Get-MilvusPartition docs).PartitionName | Should -Be @('_default', 'p2024', 'p2025')
            (Get-MilvusPartition docs 'p20*').RowCount | Should -Be @(0, 0)
            Get-MilvusPartition docs nosuch -ErrorAction SilentlyContinue -ErrorVariable err
            $err[0].FullyQualifiedErrorId | Should -Be 'MilvusPartitionNotFound,Milvus.PowerShell.Commands.Partition.GetMilvusPartitionCommand'
        }

        It 'gets partitions of a piped collection' {
            (Get-MilvusCollection docs | Get-MilvusPartition).Count | Should -Be 3
        }

        It 'completes partition names of the given collection' {
            $line = 'Remove-MilvusPartition -CollectionName docs -PartitionName p2'
            (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be @('p2024', 'p2025')
        }

        It 'loads and releases partitions' {
            New-MilvusIndex docs embedding -IndexType FLAT -MetricType IP | Out-Null
            Mount-MilvusPartition docs p2024
            (Get-MilvusLoadState docs p2024).State | Should -Be 'Loaded'
            Dismount-MilvusPartition docs p2024
            (Get-MilvusLoadState docs p2024).State | Should -Be 'NotLoad'
        }

        It 'loads partitions with -NoWait (one LoadPartitions, no progress wait)' {
            Mount-MilvusPartition docs p2024, p2025 -NoWait | Should -BeNullOrEmpty
            (Get-MilvusLoadState docs p2024).State | Should -Be 'Loaded'
            (Get-MilvusLoadState docs p2025).State | Should -Be 'Loaded'
            Dismount-MilvusPartition docs p2024, p2025
            (Get-MilvusLoadState docs p2025).State | Should -Be 'NotLoad'
        }

        It 'removes piped partitions' {
            Get-MilvusPartition docs 'p20*' | Remove-MilvusPartition -Confirm:$false
            (Get-MilvusPartition docs).PartitionName | Should -Be @('_default')
        }
    }

    Context 'Indexes' {
        It 'lists indexes with their parameters and progress' {
            $index = Get-MilvusIndex docs
            $index.IndexName | Should -Be 'embedding'
            $index.FieldName | Should -Be 'embedding'
            $index.IndexType | Should -Be 'FLAT'
            $index.MetricType | Should -Be 'IP'
            $index.State | Should -Be 'Finished'
            $index.CollectionName | Should -Be 'docs'
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

        It 'honours -WhatIf' {
            New-MilvusIndex -CollectionName docs -FieldName category -IndexType INVERTED -WhatIf | Should -BeNullOrEmpty
            (Get-MilvusIndex docs).IndexName | Should -Be 'embedding'
        }

        It 'completes index names' {
            $line = 'Remove-MilvusIndex -CollectionName docs -IndexName em'
            (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be @('embedding')
        }
    }

    Context 'Aliases' {
        It 'creates, lists and describes aliases' {
            $alias = New-MilvusAlias -Alias current -CollectionName docs
            $alias.Alias | Should -Be 'current'
            $alias.CollectionName | Should -Be 'docs'
            (Get-MilvusAlias).Alias | Should -Be 'current'
            (Get-MilvusAlias -CollectionName docs).Alias | Should -Be 'current'
            Get-MilvusAlias -CollectionName other | Should -BeNullOrEmpty
            (Get-MilvusCollection docs).Aliases | Should -Be @('current')
        }

        It 'refuses a duplicate alias' {
            New-MilvusAlias -Alias current -CollectionName other -ErrorAction SilentlyContinue -ErrorVariable err
            $err.Count | Should -Be 1
            $err[0].CategoryInfo.Category | Should -BeIn 'ResourceExists', 'InvalidArgument'
        }

        It 're-points an alias' {
            (Set-MilvusAlias -Alias current -CollectionName other -PassThru).CollectionName | Should -Be 'other'
            (Get-MilvusAlias current).CollectionName | Should -Be 'other'
        }

        It 'completes alias names' {
            $line = 'Remove-MilvusAlias -Alias cu'
            (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be @('current')
        }

        It 'removes piped aliases' {
            Get-MilvusAlias | Remove-MilvusAlias
            Get-MilvusAlias | Should -BeNullOrEmpty
        }
    }
}
