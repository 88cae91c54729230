# Collections and schemas: New (quick setup, schema, fields), Get (wildcards), Set, Rename, Remove, statistics,
# Mount/Dismount and load state, -WhatIf, pipelines and completers; schema evolution (add a field with a default, drop a
# field), collection functions and external collections. Local .db and Milvus.Local.Server.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Milvus.TestHelpers.psm1') -Force
    Import-Module (Get-MilvusTestModulePath) -Force
    Import-Module (Join-Path $PSScriptRoot 'DataTests.Helpers.psm1') -Force
}

Describe 'Collections (<Mode>)' -Tag Integration -ForEach @(@{ Mode = 'local' }, @{ Mode = 'server' }) {
    BeforeAll {
        Disconnect-Milvus -All
        $script:Target = Connect-MilvusTestTarget -Mode $Mode
        $script:Connection = $script:Target.Connection
    }

    AfterAll {
        Disconnect-MilvusTestTarget $script:Target
    }

    It 'creates a collection by quick setup: id, vector, COSINE AUTOINDEX, loaded' {
        $c = New-MilvusCollection -Name quick -Dimension 4
        $c | Should -BeOfType ([Milvus.PowerShell.Models.MilvusCollectionInfo])
        $c.Name | Should -Be 'quick'
        $c.DatabaseName | Should -Be 'default'
        $c.Connection | Should -Be $script:Connection
        $c.PrimaryField | Should -Be 'id'
        $c.VectorFields | Should -Be @('vector')
        $c.EnableDynamicField | Should -BeTrue
        $c.LoadState | Should -Be 'Loaded'
        $c.Fields.Name | Should -Be @('id', 'vector')
        $c.Fields[0].DataType | Should -Be 'Int64'
        $c.Fields[0].IsPrimaryKey | Should -BeTrue
        $c.Fields[1].DataType | Should -Be 'FloatVector'
        $c.Fields[1].Dimension | Should -Be 4
        $c.Fields[1].CollectionName | Should -Be 'quick'
    }

    It 'writes states and levels as names in ConvertTo-Json (issue 17 §10)' {
        $json = Get-MilvusCollection quick | Select-Object Name, LoadState, ConsistencyLevel | ConvertTo-Json -Compress
        $json | Should -BeExactly '{"Name":"quick","LoadState":"Loaded","ConsistencyLevel":"Bounded"}'
        Get-MilvusLoadState quick | Select-Object State | ConvertTo-Json -Compress | Should -BeExactly '{"State":"Loaded"}'
        Get-MilvusIndex quick | Select-Object State | ConvertTo-Json -Compress | Should -BeExactly '{"State":"Finished"}'
        $script:Connection | Select-Object AuthType | ConvertTo-Json -Compress | Should -BeExactly '{"AuthType":"None"}'
        $index = Get-MilvusIndex -CollectionName quick
        $index.FieldName | Should -Be 'vector'
        $index.MetricType | Should -Be 'COSINE'
    }

    It 'creates a collection from New-MilvusField / New-MilvusSchema, unloaded until indexed and mounted' {
        $schema = (New-MilvusField pk VarChar -IsPrimaryKey -MaxLength 64),
            (New-MilvusField title VarChar -MaxLength 200 -Nullable),
            (New-MilvusField year Int32 -DefaultValue 2000),
            (New-MilvusField tags Array -ElementType VarChar -MaxCapacity 8 -MaxLength 20),
            (New-MilvusField embedding FloatVector -Dimension 3) | New-MilvusSchema -Description 'books'
        $schema.Fields.Count | Should -Be 5
        $c = New-MilvusCollection -Name books -Schema $schema
        $c.PrimaryField | Should -Be 'pk'
        $c.Description | Should -Be 'books'
        $c.EnableDynamicField | Should -BeFalse
        $c.LoadState | Should -Be 'NotLoad'
        ($c.Fields | Where-Object Name -EQ title).Nullable | Should -BeTrue
        ($c.Fields | Where-Object Name -EQ title).MaxLength | Should -Be 200
        ($c.Fields | Where-Object Name -EQ year).DefaultValue | Should -Be 2000
        ($c.Fields | Where-Object Name -EQ tags).ElementType | Should -Be 'VarChar'
        ($c.Fields | Where-Object Name -EQ tags).MaxCapacity | Should -Be 8

        Mount-MilvusCollection books -ErrorAction SilentlyContinue -ErrorVariable err
        $err[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err[0].Exception.Message | Should -Match 'index'
        $err[0].ErrorDetails.RecommendedAction | Should -BeExactly 'Create a vector index with New-MilvusIndex, then run Mount-MilvusCollection again.'

        $index = New-MilvusIndex -CollectionName books -FieldName embedding -IndexType FLAT -MetricType L2
        $index.IndexName | Should -Be 'embedding'
        $index.IndexType | Should -Be 'FLAT'
        $index.MetricType | Should -Be 'L2'
        $mounted = Mount-MilvusCollection books -PassThru
        $mounted.LoadState | Should -Be 'Loaded'
        (Get-MilvusLoadState books).State | Should -Be 'Loaded'
        Dismount-MilvusCollection books
        (Get-MilvusLoadState books).State | Should -Be 'NotLoad'

        # -NoWait: one LoadCollection, no progress wait; the local engine loads synchronously, so it is loaded already.
        Mount-MilvusCollection books -NoWait | Should -BeNullOrEmpty
        (Get-MilvusLoadState books).State | Should -Be 'Loaded'
        Dismount-MilvusCollection books
        (Get-MilvusLoadState books).State | Should -Be 'NotLoad'
    }

    It 'creates with -Field and -AutoId' {
        $c = New-MilvusCollection -Name autoid -Field (New-MilvusField id Int64 -IsPrimaryKey), (New-MilvusField v FloatVector -Dimension 2) -AutoId -EnableDynamicField
        $c.AutoId | Should -BeTrue
        $c.Fields[0].AutoId | Should -BeTrue
        $c.EnableDynamicField | Should -BeTrue
    }

    It 'creates, indexes and loads in one call with -Index (create_collection with index_params)' {
        $fields = (New-MilvusField id Int64 -IsPrimaryKey), (New-MilvusField tag VarChar -MaxLength 8), (New-MilvusField v FloatVector -Dimension 2)
        $c = New-MilvusCollection -Name ready -Field $fields -Index @{ FieldName = 'v'; IndexType = 'HNSW'; MetricType = 'L2'; Parameter = @{ M = 8; efConstruction = 64 } },
            @{ FieldName = 'tag'; IndexType = 'INVERTED'; Name = 'tag_idx' }
        $c.LoadState | Should -Be 'Loaded'
        $v = Get-MilvusIndex ready -FieldName v
        "$($v.IndexName) $($v.IndexType) $($v.MetricType) $($v.Parameters['M']) $($v.Parameters['efConstruction'])" | Should -BeExactly 'v HNSW L2 8 64'
        (Get-MilvusIndex ready -FieldName tag).IndexName | Should -BeExactly 'tag_idx'
        @{ id = 1; tag = 'a'; v = 1, 0 }, @{ id = 2; tag = 'b'; v = 0, 1 } | Add-MilvusEntity -CollectionName ready
        (Search-MilvusEntity ready -Vector 0.9, 0.1 -Limit 1 -ConsistencyLevel Strong).Id | Should -Be 1

        $s = (New-MilvusField id Int64 -IsPrimaryKey), (New-MilvusField v FloatVector -Dimension 2) | New-MilvusSchema
        (New-MilvusCollection -Name ready2 -Schema $s -Index @{ FieldName = 'v'; MetricType = 'IP' }).LoadState | Should -Be 'Loaded'
        (Get-MilvusIndex ready2).IndexType | Should -BeExactly 'AUTOINDEX'
        Get-MilvusCollection 'ready*' | Remove-MilvusCollection -Confirm:$false
    }

    It 'leaves no collection behind when an -Index is refused, and checks -Index keys before creating anything' {
        $fields = (New-MilvusField id Int64 -IsPrimaryKey), (New-MilvusField v FloatVector -Dimension 2)
        $e = { New-MilvusCollection -Name halfmade -Field $fields -Index @{ FieldName = 'v'; IndexType = 'NO_SUCH_INDEX'; MetricType = 'L2' } -ErrorAction Stop } |
            Should -Throw -PassThru
        $e.Exception.Message | Should -Match 'NO_SUCH_INDEX'
        @(Get-MilvusCollection 'halfmade*').Count | Should -Be 0

        $e = { New-MilvusCollection -Name halfmade -Field $fields -Index @{ Field = 'v' } -ErrorAction Stop } | Should -Throw -PassThru
        $e.FullyQualifiedErrorId | Should -BeExactly 'MilvusIndexSpecificationInvalid,Milvus.PowerShell.Commands.Collection.NewMilvusCollectionCommand'
        $e.Exception.Message | Should -BeExactly "-Index: unknown key 'Field'; an index takes FieldName, IndexType, MetricType, Name and Parameter, as New-MilvusIndex."
        $e = { New-MilvusCollection -Name halfmade -Field $fields -Index @{ IndexType = 'FLAT' } -ErrorAction Stop } | Should -Throw -PassThru
        $e.Exception.Message | Should -BeExactly '-Index: each index needs a FieldName.'
        $e = { New-MilvusCollection -Name halfmade -Field $fields -Index @{ FieldName = 'v'; Parameter = 'M=8' } -ErrorAction Stop } | Should -Throw -PassThru
        $e.Exception.Message | Should -BeExactly "-Index: the Parameter of the index on 'v' must be a hashtable, such as @{ M = 16 }."
        @(Get-MilvusCollection 'halfmade*').Count | Should -Be 0
    }

    It 'gets collections by exact name and by wildcard; an exact miss is MilvusCollectionNotFound' {
        (Get-MilvusCollection | Sort-Object Name).Name | Should -Be @('autoid', 'books', 'quick')
        (Get-MilvusCollection 'b*').Name | Should -Be 'books'
        Get-MilvusCollection 'zz*' | Should -BeNullOrEmpty
        Get-MilvusCollection nosuch -ErrorAction SilentlyContinue -ErrorVariable err | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -Be 'MilvusCollectionNotFound,Milvus.PowerShell.Commands.Collection.GetMilvusCollectionCommand'
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $err[0].TargetObject | Should -Be 'nosuch'
    }

    It 'changes and removes collection properties' {
        $c = Set-MilvusCollection quick -Property @{ 'collection.ttl.seconds' = 3600 } -PassThru
        $c.Properties['collection.ttl.seconds'] | Should -Be '3600'
        $c = Set-MilvusCollection quick -RemoveProperty 'collection.ttl.seconds' -PassThru
        $c.Properties.ContainsKey('collection.ttl.seconds') | Should -BeFalse
        { Set-MilvusCollection quick } | Should -Throw -ErrorId 'MilvusCollectionNoChange,Milvus.PowerShell.Commands.Collection.SetMilvusCollectionCommand'
    }

    It 'adds a nullable field to an existing collection' {
        $c = Set-MilvusCollection quick -AddField (New-MilvusField rating Double -Nullable) -PassThru
        $c.Fields.Name | Should -Be @('id', 'vector', 'rating')
        ($c.Fields | Where-Object Name -EQ rating).Nullable | Should -BeTrue
    }

    It 'adds an array of structs to an existing collection (add_collection_struct_field)' {
        $chapters = New-MilvusField chapters Array -ElementType Struct -MaxCapacity 8 -StructField @(
            New-MilvusField title VarChar -MaxLength 32
            New-MilvusField pages Int32
        )
        New-MilvusCollection -Name withchapters -Dimension 2 | Out-Null
        $c = Set-MilvusCollection withchapters -AddField $chapters -PassThru
        Remove-MilvusCollection withchapters -Confirm:$false
        $added = $c.Fields | Where-Object Name -EQ chapters
        ($added.DataType, $added.ElementType, $added.MaxCapacity) | Should -Be @('Array', 'Struct', 8)
        $added.StructFields.Name | Should -Be @('title', 'pages')
        $added.StructFields.DataType | Should -Be @('VarChar', 'Int32')
    }

    It 'builds schema functions in memory and carries them in the schema' {
        $function = New-MilvusFunction bm25 BM25 -InputField text -OutputField sparse
        $function.FunctionType | Should -Be 'BM25'
        $function.InputField | Should -Be @('text')
        $function.OutputField | Should -Be @('sparse')
        $schema = New-MilvusSchema -Field (New-MilvusField id Int64 -IsPrimaryKey) -Function $function
        $schema.Functions.Name | Should -Be @('bm25')
    }

    It 'writes field and function types as names in ConvertTo-Json, as pymilvus shows them, and reads them back (issue 17 §10)' {
        $fields = (Get-MilvusCollection quick).Fields | Select-Object -First 2 | Select-Object Name, DataType, ElementType
        $fields | ConvertTo-Json -Compress |
            Should -BeExactly '[{"Name":"id","DataType":"Int64","ElementType":null},{"Name":"vector","DataType":"FloatVector","ElementType":null}]'
        $tags = New-MilvusField tags Array -ElementType VarChar -MaxCapacity 4 -MaxLength 16
        $tags | Select-Object DataType, ElementType | ConvertTo-Json -Compress | Should -BeExactly '{"DataType":"Array","ElementType":"VarChar"}'
        $bm25 = New-MilvusFunction bm25 BM25 -InputField text -OutputField sparse
        $bm25 | Select-Object FunctionType | ConvertTo-Json -Compress | Should -BeExactly '{"FunctionType":"BM25"}'
        # The names round-trip: a field read back from JSON builds the same schema.
        $back = [Milvus.PowerShell.Models.MilvusFieldInfo]@{ Name = 'tags'; DataType = 'array'; ElementType = 'VARCHAR'; MaxCapacity = 4; MaxLength = 16 }
        ($back.DataType, $back.ElementType) | Should -Be @('Array', 'VarChar')
        { [Milvus.PowerShell.Models.MilvusFieldInfo]@{ Name = 'x'; DataType = 'Vector' } } | Should -Throw '*''Vector'' is not a DataType: use one of None, Bool,*'
    }

    It 'clears all entities but keeps the collection (truncate)' {
        1..3 | ForEach-Object { [pscustomobject]@{ id = $_; vector = @(0.1, 0.2, 0.3, 0.4); rating = $null } } | Add-MilvusEntity -CollectionName quick
        Measure-MilvusEntity -CollectionName quick | Should -Be 3
        Invoke-MilvusWhatIf -Connection $script:Target.Connection { Clear-MilvusCollection quick -WhatIf }
        Measure-MilvusEntity -CollectionName quick | Should -Be 3
        Get-MilvusCollection quick | Clear-MilvusCollection -Confirm:$false
        Measure-MilvusEntity -CollectionName quick | Should -Be 0
        (Get-MilvusCollection quick).LoadState | Should -Be 'Loaded'
    }

    It 'reports statistics' {
        $stats = Get-MilvusCollectionStatistic quick
        $stats.CollectionName | Should -Be 'quick'
        $stats.RowCount | Should -Be 0
    }

    It 'renames a collection' {
        $renamed = Rename-MilvusCollection autoid autoid2 -PassThru
        $renamed.Name | Should -Be 'autoid2'
        Get-MilvusCollection autoid -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'honours -WhatIf: nothing is created or removed' {
        Invoke-MilvusWhatIf -Connection $script:Target.Connection { New-MilvusCollection -Name whatif -Dimension 2 -WhatIf } | Should -BeNullOrEmpty
        Get-MilvusCollection whatif -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        Invoke-MilvusWhatIf -Connection $script:Target.Connection { Remove-MilvusCollection quick -WhatIf }
        (Get-MilvusCollection quick).Name | Should -Be 'quick'
    }

    It 'writes a non-terminating MilvusCollectionNotFound for a collection that does not exist, and goes on' {
        New-MilvusCollection -Name kept_x -Dimension 2 | Out-Null
        'no_such_collection', 'kept_x' | Remove-MilvusCollection -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Be 'MilvusCollectionNotFound,Milvus.PowerShell.Commands.Collection.RemoveMilvusCollectionCommand'
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $err[0].TargetObject | Should -Be 'no_such_collection'
        $err[0].Exception.Message | Should -BeExactly "Collection 'no_such_collection' was not found in database 'default'; nothing was removed."
        Get-MilvusCollection kept_x -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'removes what Get-MilvusCollection pipes in, by wildcard' {
        New-MilvusCollection -Name tmp_1 -Dimension 2 | Out-Null
        New-MilvusCollection -Name tmp_2 -Dimension 2 | Out-Null
        Get-MilvusCollection 'tmp_*' | Remove-MilvusCollection -Confirm:$false
        Get-MilvusCollection 'tmp_*' | Should -BeNullOrEmpty
        (Get-MilvusCollection quick).Name | Should -Be 'quick'
    }

    It 'writes one non-terminating error per bad item and goes on' {
        'nosuch1', 'quick', 'nosuch2' | Get-MilvusCollection -ErrorAction SilentlyContinue -ErrorVariable err | ForEach-Object Name | Should -Be 'quick'
        $err.Count | Should -Be 2
        $err.TargetObject | Should -Be @('nosuch1', 'nosuch2')
    }

    It 'rejects bad names with the server''s InvalidArgument error' {
        New-MilvusCollection -Name '1bad' -Dimension 2 -ErrorAction SilentlyContinue -ErrorVariable err
        $err[0].FullyQualifiedErrorId | Should -Be 'MilvusCollectionInvalidArgument,Milvus.PowerShell.Commands.Collection.NewMilvusCollectionCommand'
        $err[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
    }

    It 'completes collection and field names' {
        $line = 'Get-MilvusCollection -Name bo'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be @('books')
        $line = 'Set-MilvusCollection -Name books -FieldName t'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be @('tags', 'title')
        $line = 'Search-MilvusEntity -CollectionName books -GroupBy '   # scalars Milvus groups by: no array, vector or JSON
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be @('pk', 'title', 'year')
        $line = 'Get-MilvusCollection -Database '
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Contain 'default'
    }

    It 'shows collections in a table without vectors' {
        $text = Get-MilvusCollection quick | Out-String
        $text | Should -Match 'LoadState'
        $text | Should -Match 'quick'
    }
}

Describe 'Collection schema evolution and functions (<Backend>)' -ForEach @(@{ Backend = 'local' }, @{ Backend = 'server' }) {
    BeforeAll {
        $ctx = Connect-TestBackend -Backend $Backend
        $c = $ctx.Connection
        $col = New-TestName 'evo'
        New-MilvusCollection -Connection $c -Name $col -Dimension 2 -ConsistencyLevel Strong | Out-Null
        @(
            @{ id = 1; vector = [float[]](1, 0) }
            @{ id = 2; vector = [float[]](0, 1) }
        ) | Add-MilvusEntity -Connection $c -CollectionName $col
        Mount-MilvusCollection -Connection $c -Name $col | Out-Null
    }
    AfterAll {
        Remove-MilvusCollection -Connection $c -Name $col -Confirm:$false -ErrorAction SilentlyContinue
        Disconnect-TestBackend $ctx
    }

    Context 'schema evolution' {
        It 'Set-MilvusCollection -AddField gives existing rows the default value' {
            $info = Set-MilvusCollection -Connection $c -Name $col -AddField (New-MilvusField rating Int64 -Nullable -DefaultValue 3) -PassThru
            $info.Fields.Name | Should -Be @('id', 'vector', 'rating')
            @{ id = 3; vector = [float[]](1, 1); rating = 9 } | Add-MilvusEntity -Connection $c -CollectionName $col
            $rows = @(Get-MilvusEntity -Connection $c -CollectionName $col -Filter 'id > 0' -Property rating | Sort-Object id)
            $rows.rating | Should -Be @(3, 3, 9)
            @(Get-MilvusEntity -Connection $c -CollectionName $col -Filter 'rating == 3' -Property id).id | Sort-Object | Should -Be @(1, 2)
        }
        It 'Set-MilvusCollection -RemoveField drops the field from the schema and the rows' {
            $info = Set-MilvusCollection -Connection $c -Name $col -RemoveField rating -PassThru -Confirm:$false
            $info.Fields.Name | Should -Be @('id', 'vector')
            $info.Properties['max_field_id'] | Should -Be '103'   # id 100, vector 101, $meta 102, rating 103
            $row = Get-MilvusEntity -Connection $c -CollectionName $col -Id 3 -Property '*'
            $row.PSObject.Properties.Name | Should -Not -Contain 'rating'
        }
        It 'Set-MilvusCollection -RemoveField refuses the primary key with Milvus''s message' {
            Set-MilvusCollection -Connection $c -Name $col -RemoveField id -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
            $err.Count | Should -Be 1
            $err[0].FullyQualifiedErrorId | Should -BeLike 'MilvusCollectionInvalidArgument*'
            $err[0].Exception.Message | Should -BeExactly 'cannot drop primary key field: id: invalid parameter'
        }
        It 'Set-MilvusCollection -RemoveFunctionField reports an unknown function' {
            Set-MilvusCollection -Connection $c -Name $col -RemoveFunctionField bm25 -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
            $err[0].Exception.Message | Should -BeExactly 'function not found: bm25: invalid parameter'
        }
        It 'Add-MilvusFunctionField reports a missing input field as Milvus does' {
            $sparse = New-MilvusField -Name sparse -DataType SparseFloatVector
            $bm25 = New-MilvusFunction -Name bm25 -FunctionType BM25 -InputField text -OutputField sparse
            Add-MilvusFunctionField -Connection $c -Name $col -Field $sparse -Function $bm25 -IndexType SPARSE_INVERTED_INDEX -MetricType BM25 `
                -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
            $err.Count | Should -Be 1
            $err[0].Exception.Message | Should -BeExactly 'function input field not found: text'
        }
    }

    Context 'functions' {
        It 'Set-MilvusCollection -AlterFunction reports the engine''s unsupported operation' {
            $fn = New-MilvusFunction -Name bm25 -FunctionType BM25 -InputField text -OutputField sparse
            Set-MilvusCollection -Connection $c -Name $col -AlterFunction $fn -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
            Assert-NotSupported $err 'AlterCollectionFunction'
        }
        It 'Set-MilvusCollection -AlterFunction -WhatIf changes nothing' {
            $fn = New-MilvusFunction -Name bm25 -FunctionType BM25 -InputField text -OutputField sparse
            Invoke-MilvusWhatIf -Connection $c -Variable @{ col = $col; fn = $fn } { Set-MilvusCollection -Name $col -AlterFunction $fn -WhatIf } | Should -BeNullOrEmpty
        }
    }

    Context 'external collections (not supported by the engine)' {
        It 'Update-MilvusExternalCollection answers MilvusOperationNotSupported' {
            Update-MilvusExternalCollection -Connection $c -Name $col -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
            Assert-NotSupported $err -Rpc RefreshExternalCollection
        }
        It 'Get-MilvusExternalCollectionJob answers MilvusOperationNotSupported' {
            Get-MilvusExternalCollectionJob -Connection $c -ErrorVariable err -ErrorAction SilentlyContinue
            Assert-NotSupported $err -Rpc ListRefreshExternalCollectionJobs
        }
    }
}
