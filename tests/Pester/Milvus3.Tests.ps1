# Milvus 3.0 cmdlets against a local .db and against Milvus.Local.Server on loopback: schema evolution (add a field with
# a default, drop a field), role and user descriptions, file resources, and the calls the engine answers as not supported.
BeforeDiscovery {
    $backends = @(@{ Backend = 'local' }, @{ Backend = 'server' })
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'DataTests.Helpers.psm1') -Force
    Import-MilvusUnderTest
}

Describe 'Milvus 3.0 cmdlets (<Backend>)' -ForEach $backends {
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
        It 'Add-MilvusFunctionField is answered as not supported by the engine' {
            $sparse = New-MilvusField -Name sparse -DataType SparseFloatVector
            $bm25 = New-MilvusFunction -Name bm25 -FunctionType BM25 -InputField text -OutputField sparse
            Add-MilvusFunctionField -Connection $c -Name $col -Field $sparse -Function $bm25 -IndexType SPARSE_INVERTED_INDEX -MetricType BM25 `
                -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
            $err.Count | Should -Be 1
            $err[0].FullyQualifiedErrorId | Should -BeLike 'MilvusOperationNotSupported*'
            $err[0].Exception.Message | Should -BeExactly 'unsupported operation[collection functions (BM25, text embedding)]: not supported by the Milvus local engine'
        }
    }

    Context 'descriptions' {
        BeforeAll {
            $role = New-TestName 'role'
            $user = New-TestName 'user'
        }
        AfterAll {
            Remove-MilvusRole -Connection $c -Name $role -Force -Confirm:$false -ErrorAction SilentlyContinue
            Remove-MilvusUser -Connection $c -Name $user -Confirm:$false -ErrorAction SilentlyContinue
        }
        It 'New-MilvusRole -Description and Set-MilvusRole keep the role''s description' {
            New-MilvusRole -Connection $c -Name $role -Description 'reads' | Out-Null
            (Get-MilvusRole -Connection $c -Name $role).Description | Should -BeExactly 'reads'
            $changed = Set-MilvusRole -Connection $c -Name $role -Description 'reads everything' -PassThru -Confirm:$false
            $changed.Description | Should -BeExactly 'reads everything'
            (Get-MilvusRole -Connection $c -Name $role).Description | Should -BeExactly 'reads everything'
        }
        It 'Set-MilvusRole on an unknown role writes an error' {
            Set-MilvusRole -Connection $c -Name 'no_such_role_x' -Description 'x' -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
            $err[0].Exception.Message | Should -BeExactly "not found the role, maybe the role isn't existed or internal system error: invalid parameter"
        }
        It 'Set-MilvusUser -Description changes only the description' {
            New-MilvusUser -Connection $c -Name $user -Password (ConvertTo-SecureString 'Secret-Pass-1' -AsPlainText -Force) | Out-Null
            Set-MilvusUser -Connection $c -Name $user -Description 'analyst' -Confirm:$false
            (Get-MilvusUser -Connection $c -Name $user).Description | Should -BeExactly 'analyst'
        }
    }

    Context 'file resources' {
        It 'Add-, Get- and Remove-MilvusFileResource keep resources in the database' {
            $name = New-TestName 'dict'
            $added = Add-MilvusFileResource -Connection $c -Name $name -Path 's3://bucket/dict.txt' -PassThru -Confirm:$false
            $added.Name | Should -BeExactly $name
            $found = Get-MilvusFileResource -Connection $c -Name $name
            $found.Path | Should -BeExactly 's3://bucket/dict.txt'
            $found.Id | Should -BeGreaterThan 0
            @(Get-MilvusFileResource -Connection $c -Name 'dict_*').Name | Should -Contain $name
            Remove-MilvusFileResource -Connection $c -Name $name -Confirm:$false
            @(Get-MilvusFileResource -Connection $c -Name 'dict_*').Name | Should -Not -Contain $name
        }
        It 'Get-MilvusFileResource with an unknown exact name writes MilvusFileResourceNotFound' {
            Get-MilvusFileResource -Connection $c -Name 'no_such_resource' -ErrorVariable err -ErrorAction SilentlyContinue
            $err[0].FullyQualifiedErrorId | Should -BeLike 'MilvusFileResourceNotFound*'
        }
    }

    Context 'not supported by the engine' {
        It 'Update-MilvusExternalCollection answers MilvusOperationNotSupported' {
            Update-MilvusExternalCollection -Connection $c -Name $col -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
            Assert-NotSupported $err -Rpc RefreshExternalCollection
        }
        It 'Get-MilvusExternalCollectionJob answers MilvusOperationNotSupported' {
            Get-MilvusExternalCollectionJob -Connection $c -ErrorVariable err -ErrorAction SilentlyContinue
            Assert-NotSupported $err -Rpc ListRefreshExternalCollectionJobs
        }
    }

    Context 'sessions' {
        It 'Search-MilvusEntity -ClusterId searches as usual on a single-cluster server' {
            @(Search-MilvusEntity -Connection $c -CollectionName $col -Vector 1, 0 -Limit 1 -ClusterId 'cluster-a').Id | Should -Be @(1)
        }
    }

    Context 'server version' {
        It 'reports Milvus 3.0' {
            Get-MilvusServerVersion -Connection $c | Should -BeExactly 'v3.0.3'
        }
    }
}
