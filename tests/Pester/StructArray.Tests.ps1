# ARRAY of STRUCT fields from PowerShell: New-MilvusField -StructField defines the struct, rows carry arrays of
# hashtables, Search-MilvusEntity -EmbeddingList searches a struct's vector sub-field (MAX_SIM), against a local .db and
# Milvus.Local.Server.
BeforeDiscovery { $backends = @(@{ Backend = 'local' }, @{ Backend = 'server' }) }

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'DataTests.Helpers.psm1') -Force
    Import-MilvusUnderTest
}

Describe 'Arrays of structs (<Backend>)' -ForEach $backends {
    BeforeAll {
        $ctx = Connect-TestBackend -Backend $Backend
        $c = $ctx.Connection
        $col = New-TestName 'struct'
        $clip = New-MilvusField clips Array -ElementType Struct -MaxCapacity 4 -Description 'video clips' -StructField @(
            New-MilvusField label VarChar -MaxLength 16
            New-MilvusField frame Int64
            New-MilvusField emb FloatVector -Dimension 2
        )
        $schema = New-MilvusSchema -Field (New-MilvusField id Int64 -IsPrimaryKey), (New-MilvusField vec FloatVector -Dimension 2), $clip
        New-MilvusCollection -Connection $c -Name $col -Schema $schema -ConsistencyLevel Strong | Out-Null
        @(
            @{ id = 1; vec = 1, 0; clips = @(@{ label = 'a'; frame = 10; emb = 1, 0 }, @{ label = 'b'; frame = 20; emb = 0, 1 }) }
            [pscustomobject]@{ id = 2; vec = 0, 1; clips = @([pscustomobject]@{ Label = 'c'; Frame = 30; Emb = 2, 1 }) }
        ) | Add-MilvusEntity -Connection $c -CollectionName $col
        New-MilvusIndex -Connection $c -CollectionName $col -FieldName vec -IndexType FLAT -MetricType L2 | Out-Null
        New-MilvusIndex -Connection $c -CollectionName $col -FieldName 'clips[emb]' -IndexType HNSW -MetricType MAX_SIM_IP -Parameter @{ M = 16; efConstruction = 200 } | Out-Null
        Mount-MilvusCollection -Connection $c -Name $col | Out-Null
    }
    AfterAll { Disconnect-TestBackend $ctx }

    It 'Get-MilvusCollection describes the struct field and its sub-fields' {
        $clips = (Get-MilvusCollection -Connection $c -Name $col).Fields | Where-Object Name -eq 'clips'
        $clips.DataType | Should -Be 'Array'
        $clips.ElementType | Should -Be 'Struct'
        $clips.MaxCapacity | Should -Be 4
        $clips.Description | Should -Be 'video clips'
        $clips.StructFields.Name | Should -Be 'label', 'frame', 'emb'
        $clips.StructFields.DataType | Should -Be 'VarChar', 'Int64', 'FloatVector'
        $clips.StructFields[2].Dimension | Should -Be 2
    }
    It 'Get-MilvusEntity returns each row''s structs with their values' {
        $rows = @(Get-MilvusEntity -Connection $c -CollectionName $col -Filter 'id > 0' -Property clips | Sort-Object id)
        $rows.Count | Should -Be 2
        $rows[0].clips.Count | Should -Be 2
        $rows[0].clips.label | Should -Be 'a', 'b'
        $rows[0].clips.frame | Should -Be 10, 20
        $rows[0].clips[1].emb | Should -Be 0, 1
        $rows[1].clips.label | Should -Be 'c'
        $rows[1].clips[0].emb | Should -Be 2, 1
    }
    It 'Search-MilvusEntity -EmbeddingList ranks rows by MAX_SIM' {
        $hits = @(Search-MilvusEntity -Connection $c -CollectionName $col -AnnsField 'clips[emb]' -EmbeddingList @(1, 0), @(0, 1) -Limit 2)
        $hits.Id | Should -Be 2, 1
        $hits.Distance | Should -Be 3, 2
    }
    It 'a struct element with a missing sub-field is a typed error and writes nothing' {
        { @{ id = 3; vec = 1, 1; clips = @(@{ label = 'x'; frame = 1 }) } |
            Add-MilvusEntity -Connection $c -CollectionName $col -ErrorAction Stop } |
            Should -Throw "*Element at index 0 missing required fields: {'emb'}*"
        @(Get-MilvusEntity -Connection $c -CollectionName $col -Id 3).Count | Should -Be 0
    }
}

Describe 'Get-MilvusEntity -OrderBy (<Backend>)' -ForEach $backends {
    BeforeAll {
        $ctx = Connect-TestBackend -Backend $Backend
        $c = $ctx.Connection
        $col = New-TestName 'order'
        $schema = New-MilvusSchema -Field (New-MilvusField id Int64 -IsPrimaryKey), (New-MilvusField price Double -Nullable),
            (New-MilvusField name VarChar -MaxLength 8), (New-MilvusField vec FloatVector -Dimension 2)
        New-MilvusCollection -Connection $c -Name $col -Schema $schema -ConsistencyLevel Strong | Out-Null
        @(
            @{ id = 1; price = 5; name = 'b'; vec = 1, 0 }, @{ id = 2; price = $null; name = 'a'; vec = 1, 0 },
            @{ id = 3; price = 3; name = 'c'; vec = 1, 0 }, @{ id = 4; price = 5; name = 'a'; vec = 1, 0 },
            @{ id = 5; price = $null; name = 'd'; vec = 1, 0 }
        ) | Add-MilvusEntity -Connection $c -CollectionName $col
        New-MilvusIndex -Connection $c -CollectionName $col -FieldName vec -IndexType FLAT -MetricType L2 | Out-Null
        Mount-MilvusCollection -Connection $c -Name $col | Out-Null
    }
    AfterAll { Disconnect-TestBackend $ctx }

    It 'sorts ascending with nulls last, ties in primary-key order' {
        (Get-MilvusEntity -Connection $c -CollectionName $col -Filter 'id > 0' -OrderBy price -First 10).id | Should -Be 3, 1, 4, 2, 5
    }
    It 'sorts by several fields and pages with -Skip' {
        (Get-MilvusEntity -Connection $c -CollectionName $col -Filter 'id > 0' -OrderBy 'price:desc', 'name' -First 10).id | Should -Be 2, 5, 4, 1, 3
        (Get-MilvusEntity -Connection $c -CollectionName $col -Filter 'id > 0' -OrderBy 'price:desc:nulls_last' -Skip 1 -First 2).id | Should -Be 4, 3
    }
    It '-OrderBy without -First is a typed error' {
        { Get-MilvusEntity -Connection $c -CollectionName $col -Filter 'id > 0' -OrderBy price -ErrorAction Stop } |
            Should -Throw -ErrorId 'MilvusOrderByNeedsFirst*'
    }
    It 'an unsortable field is the server''s error' {
        { Get-MilvusEntity -Connection $c -CollectionName $col -Filter 'id > 0' -OrderBy vec -First 3 -ErrorAction Stop } |
            Should -Throw "*order_by field 'vec' has type FloatVector which is not sortable*"
    }
}
