# GEOMETRY and TIMESTAMPTZ fields with natural PowerShell values, and ARRAY of STRUCT fields (New-MilvusField -StructField
# defines the struct, rows carry arrays of hashtables, Search-MilvusEntity -EmbeddingList searches a struct's vector
# sub-field with MAX_SIM), against a local .db and Milvus.Local.Server.
BeforeDiscovery { $backends = @(@{ Backend = 'local' }, @{ Backend = 'server' }) }

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'DataTests.Helpers.psm1') -Force
    Import-MilvusUnderTest
}

Describe 'Geometry and Timestamptz fields (<Backend>)' -ForEach $backends {
    BeforeAll {
        $ctx = Connect-TestBackend -Backend $Backend
        $c = $ctx.Connection
        $col = New-TestName 'types'
        $fields = @(
            New-MilvusField -Name id -DataType Int64 -IsPrimaryKey
            New-MilvusField -Name vector -DataType FloatVector -Dimension 2
            New-MilvusField -Name geo -DataType Geometry -Nullable
            New-MilvusField -Name seen -DataType Timestamptz -DefaultValue ([datetimeoffset]'2020-01-01T00:00:00Z')
        )
        New-MilvusCollection -Connection $c -Name $col -Field $fields -ConsistencyLevel Strong | Out-Null
        New-MilvusIndex -Connection $c -CollectionName $col -FieldName vector -IndexType FLAT -MetricType L2 | Out-Null
        Mount-MilvusCollection -Connection $c -Name $col | Out-Null
        $rows = @(
            @{ id = 1; vector = [float[]](1, 0); geo = 'POINT(13.4 52.52)'; seen = [datetimeoffset]'2025-06-01T10:00:00+02:00' }
            @{ id = 2; vector = [float[]](0, 1); geo = 'POLYGON((0 0, 10 0, 10 10, 0 10, 0 0))'; seen = [datetime]::SpecifyKind([datetime]'2025-06-02 00:00:00', 'Utc') }
            [pscustomobject]@{ id = 3; vector = [float[]](1, 1); geo = $null; seen = '2025-06-03T00:00:00Z' }
            @{ id = 4; vector = [float[]](2, 1); geo = 'POINT (5 5)' }
        )
        Add-MilvusEntity -Connection $c -CollectionName $col -InputObject $rows
    }
    AfterAll { Disconnect-TestBackend $ctx }

    It 'returns WKT text and [datetimeoffset] values' {
        $e = Get-MilvusEntity -Connection $c -CollectionName $col -Id 1, 3, 4 -Property geo, seen | Sort-Object id
        $e[0].geo | Should -BeExactly 'POINT (13.4 52.52)'
        $e[0].seen | Should -BeOfType ([datetimeoffset])
        $e[0].seen | Should -Be ([datetimeoffset]'2025-06-01T08:00:00Z')
        $e[1].geo | Should -BeNullOrEmpty
        $e[1].seen | Should -Be ([datetimeoffset]'2025-06-03T00:00:00Z')
        $e[2].seen | Should -Be ([datetimeoffset]'2020-01-01T00:00:00Z')
    }
    It 'filters with st_* functions and ISO comparisons' {
        (Get-MilvusEntity -Connection $c -CollectionName $col -Filter "st_within(geo, 'POLYGON((0 0, 20 0, 20 20, 0 20, 0 0))')").id | Sort-Object | Should -Be @(2, 4)
        (Get-MilvusEntity -Connection $c -CollectionName $col -Filter "st_dwithin(geo, 'POINT (13.41 52.52)', 1000)").id | Should -Be @(1)
        (Get-MilvusEntity -Connection $c -CollectionName $col -Filter "seen >= ISO '2025-06-02T00:00:00Z'").id | Sort-Object | Should -Be @(2, 3)
        (Get-MilvusEntity -Connection $c -CollectionName $col -Filter "seen + INTERVAL 'P1D' == ISO '2025-06-03T00:00:00Z'").id | Should -Be @(2)
    }
    It 'reports an invalid WKT value as an error record with the server''s message' {
        { Add-MilvusEntity -Connection $c -CollectionName $col -InputObject @{ id = 9; vector = [float[]](1, 0); geo = 'POINT (1)' } -ErrorAction Stop } |
            Should -Throw -ExpectedMessage '*invalid Geometry data, transform to wkb failed*'
    }
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
