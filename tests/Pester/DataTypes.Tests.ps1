# GEOMETRY and TIMESTAMPTZ fields with natural PowerShell values, against a local .db and Milvus.Local.Server.
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
