# Add/Set/Get/Remove/Measure-MilvusEntity (and Get-MilvusEntity -OrderBy) against a local .db and against Milvus.Local.Server on loopback.
BeforeDiscovery { $backends = @(@{ Backend = 'local' }, @{ Backend = 'server' }) }

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'DataTests.Helpers.psm1') -Force
    Import-MilvusUnderTest
}

Describe 'Entity cmdlets (<Backend>)' -ForEach $backends {
    BeforeAll {
        $ctx = Connect-TestBackend -Backend $Backend
        $c = $ctx.Connection
        $col = New-TestName 'ent'
        New-MilvusCollection -Connection $c -Name $col -Dimension 4 -ConsistencyLevel Strong | Out-Null
        # A collection without dynamic field, for unknown-property handling.
        $strict = New-TestName 'strict'
        $fields = @(
            New-MilvusField -Name id -DataType Int64 -IsPrimaryKey
            New-MilvusField -Name flag -DataType Bool
            New-MilvusField -Name score -DataType Double -Nullable
            New-MilvusField -Name vector -DataType FloatVector -Dimension 2
        )
        New-MilvusCollection -Connection $c -Name $strict -Field $fields -ConsistencyLevel Strong | Out-Null
        New-MilvusIndex -Connection $c -CollectionName $strict -FieldName vector -IndexType FLAT -MetricType L2 | Out-Null
        Mount-MilvusCollection -Connection $c -Name $strict | Out-Null
    }
    AfterAll { Disconnect-TestBackend $ctx }

    Context 'Add-MilvusEntity' {
        It 'inserts hashtables and reports one result per batch with the ids' {
            $rows = 1..3 | ForEach-Object { @{ id = $_; vector = [float[]]((0.1 * $_), 0.2, 0.3, 0.4); title = "t$_" } }
            $r = Add-MilvusEntity -Connection $c -CollectionName $col -InputObject $rows -PassThru
            $r | Should -BeOfType ([Milvus.PowerShell.Models.MilvusMutationResult])
            $r.Operation | Should -BeExactly 'Insert'
            $r.InsertCount | Should -Be 3
            $r.Ids | Should -Be @(1, 2, 3)
            $r.CollectionName | Should -BeExactly $col
            Measure-MilvusEntity -Connection $c -CollectionName $col | Should -Be 3
        }
        It 'converts CSV text by field type (INT64 key, JSON-array vector, dynamic text)' {
            $csv = @('id,vector,title,year', '10,"[0.5, 0.25, 0.125, 1]",Csv Row,1999') | ConvertFrom-Csv
            $csv | Add-MilvusEntity -Connection $c -CollectionName $col
            $e = Get-MilvusEntity -Connection $c -CollectionName $col -Id '10'
            $e.id | Should -BeOfType ([long])
            $e.id | Should -Be 10
            [float[]] $e.vector | Should -Be @(0.5, 0.25, 0.125, 1.0)
            $e.title | Should -BeExactly 'Csv Row'
            $e.year | Should -BeExactly '1999'
            $e.PSObject.TypeNames[0] | Should -BeExactly 'Milvus.Entity'
        }
        It 'accepts delimited vector text' {
            [pscustomobject]@{ id = 11; vector = '1;2;3;4' } | Add-MilvusEntity -Connection $c -CollectionName $col
            [float[]] (Get-MilvusEntity -Connection $c -CollectionName $col -Id 11).vector | Should -Be @(1, 2, 3, 4)
        }
        It 'sends a batch every -BatchSize rows' {
            $rows = 100..124 | ForEach-Object { @{ id = $_; vector = [float[]](1, 0, 0, 0) } }
            $r = @($rows | Add-MilvusEntity -Connection $c -CollectionName $col -BatchSize 10 -PassThru)
            $r.Count | Should -Be 3
            $r.InsertCount | Should -Be @(10, 10, 5)
            $r.Batch | Should -Be @(1, 2, 3)
            $r[2].Ids | Should -Be @(120, 121, 122, 123, 124)
        }
        It 'sends a batch when -MaxBatchBytes is reached' {
            # Each row is estimated at 32 bytes (id 4+8, vector 4+16): 1024 bytes hold 32 rows.
            $rows = 200..299 | ForEach-Object { @{ id = [long] $_; vector = [float[]](0, 1, 0, 0) } }
            $r = @(Add-MilvusEntity -Connection $c -CollectionName $col -InputObject $rows -MaxBatchBytes 1024 -PassThru)
            $r.InsertCount | Should -Be @(32, 32, 32, 4)
        }
        It 'reports a row with a missing required field as a non-terminating error naming the row, and writes the others' {
            $rows = @(@{ id = 30; vector = [float[]](1, 1, 1, 1) }, @{ id = 31 }, @{ id = 32; vector = [float[]](1, 1, 1, 1) })
            $r = Add-MilvusEntity -Connection $c -CollectionName $col -InputObject $rows -PassThru -ErrorVariable err -ErrorAction SilentlyContinue
            $err.Count | Should -Be 1
            $err[0].FullyQualifiedErrorId | Should -BeLike 'MilvusEntityMissingField*'
            $err[0].CategoryInfo.Category | Should -Be 'InvalidData'
            $err[0].Exception.Message | Should -BeExactly "Row 2: field 'vector' (FloatVector) is required but missing."
            $r.Ids | Should -Be @(30, 32)
        }
        It 'reports a value that cannot be converted' {
            @{ id = 33; vector = 'a,b,c,d' } | Add-MilvusEntity -Connection $c -CollectionName $col -ErrorVariable err -ErrorAction SilentlyContinue
            $err[0].FullyQualifiedErrorId | Should -BeLike 'MilvusEntityInvalidValue*'
            $err[0].Exception.Message | Should -BeExactly "Row 1: field 'vector' (FloatVector): 'a' (element 0) is not a number."
            @(Get-MilvusEntity -Connection $c -CollectionName $col -Id 33).Count | Should -Be 0
        }
        It 'drops unknown properties with a Verbose note on a collection without dynamic field' {
            $v = @{ id = 1; flag = 'yes'; vector = '0.5,0.5'; extra = 'x' } | Add-MilvusEntity -Connection $c -CollectionName $strict -Verbose 4>&1
            ($v | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message |
                Should -Contain "Row 1: 'extra' is not a field of collection '$strict', which has no dynamic field; ignored."
            $e = Get-MilvusEntity -Connection $c -CollectionName $strict -Id 1
            $e.flag | Should -BeTrue
            $e.score | Should -BeNullOrEmpty
            $e.PSObject.Properties.Name | Should -Not -Contain 'extra'
        }
        It 'makes unknown properties an error with -Strict' {
            @{ id = 2; flag = $false; vector = '0,1'; extra = 'x' } | Add-MilvusEntity -Connection $c -CollectionName $strict -Strict -ErrorVariable err -ErrorAction SilentlyContinue
            $err[0].FullyQualifiedErrorId | Should -BeLike 'MilvusEntityUnknownField*'
            @(Get-MilvusEntity -Connection $c -CollectionName $strict -Id 2).Count | Should -Be 0
        }
        It 'treats an empty CSV cell in a nullable field as null' {
            'id,flag,score,vector', '3,0,,"[1,2]"' | ConvertFrom-Csv | Add-MilvusEntity -Connection $c -CollectionName $strict
            $e = Get-MilvusEntity -Connection $c -CollectionName $strict -Id 3
            $e.flag | Should -BeFalse
            $e.score | Should -BeNullOrEmpty
        }
        It 'reports Write-Progress (rows written, rate) when a bulk insert takes more than a moment' {
            $rows = foreach ($i in 1..60000) { @{ id = 1000000 + $i; vector = [float[]]($i, 1, 0, 0) } }
            $shell = [powershell]::Create()
            try {
                $null = $shell.AddScript('param($Module, $Connection, $Collection, $Rows) Import-Module $Module; $ProgressPreference = "Continue"
                    Add-MilvusEntity -Connection $Connection -CollectionName $Collection -InputObject $Rows -BatchSize 20').
                    AddArgument((Join-Path (Get-Module Milvus).ModuleBase 'Milvus.psd1')).AddArgument($c).AddArgument($col).AddArgument($rows)
                $shell.Invoke() | Out-Null
                $shell.Streams.Error | Should -BeNullOrEmpty
                $records = @($shell.Streams.Progress)
            }
            finally { $shell.Dispose() }
            $working = @($records | Where-Object RecordType -eq 'Processing')
            $working.Count | Should -BeGreaterThan 0 -Because '60,000 rows in 3,000 batches take more than half a second (in 120 batches the engine now writes them in less)'
            $working[-1].Activity | Should -BeExactly "Insert into '$col'"
            $working[-1].StatusDescription | Should -Match '^\d{1,3}(,\d{3})* rows written, \d{1,3}(,\d{3})* rows/s$'
            $working[-1].PercentComplete | Should -Be -1
            ($records[-1]).RecordType | Should -Be 'Completed'
            Measure-MilvusEntity -Connection $c -CollectionName $col -Filter 'id > 1000000' | Should -Be 60000
            Remove-MilvusEntity -Connection $c -CollectionName $col -Filter 'id > 1000000' -Confirm:$false
        }
        It 'shows no progress for a one-batch insert' {
            $shell = [powershell]::Create()
            try {
                $null = $shell.AddScript('param($Module, $Connection, $Collection) Import-Module $Module; $ProgressPreference = "Continue"
                    Add-MilvusEntity -Connection $Connection -CollectionName $Collection -InputObject @{ id = 999999; vector = [float[]](1, 0, 0, 0) }').
                    AddArgument((Join-Path (Get-Module Milvus).ModuleBase 'Milvus.psd1')).AddArgument($c).AddArgument($col)
                $shell.Invoke() | Out-Null
                @($shell.Streams.Progress).Count | Should -Be 0
            }
            finally { $shell.Dispose() }
            Remove-MilvusEntity -Connection $c -CollectionName $col -Id 999999
        }
        It 'writes nothing with -WhatIf' {
            Invoke-MilvusWhatIf -Connection $c -Variable @{ col = $col } { @{ id = 40; vector = [float[]](1, 1, 1, 1) } | Add-MilvusEntity -CollectionName $col -WhatIf }
            @(Get-MilvusEntity -Connection $c -CollectionName $col -Id 40).Count | Should -Be 0
        }
        It 'fails the batch for an unknown collection with the mapped ErrorId' {
            1..50 | ForEach-Object { @{ id = $_ } } | Add-MilvusEntity -Connection $c -CollectionName 'no_such_collection' -ErrorVariable err -ErrorAction SilentlyContinue
            $err.Count | Should -Be 1   # one error, not one per piped row
            $err[0].FullyQualifiedErrorId | Should -BeLike 'MilvusCollectionNotFound*'
            $err[0].TargetObject | Should -BeExactly 'no_such_collection'
        }
    }

    Context 'field types' {
        BeforeAll {
            $typed = New-TestName 'typed'
            $typedFields = @(
                New-MilvusField -Name id -DataType VarChar -MaxLength 20 -IsPrimaryKey
                New-MilvusField -Name small -DataType Int8
                New-MilvusField -Name ratio -DataType Float
                New-MilvusField -Name meta -DataType Json
                New-MilvusField -Name tags -DataType Array -ElementType Int64 -MaxCapacity 10
                New-MilvusField -Name sparse -DataType SparseFloatVector
                New-MilvusField -Name vector -DataType FloatVector -Dimension 2
            )
            New-MilvusCollection -Connection $c -Name $typed -Field $typedFields -ConsistencyLevel Strong | Out-Null
            New-MilvusIndex -Connection $c -CollectionName $typed -FieldName vector -IndexType FLAT -MetricType L2 | Out-Null
            New-MilvusIndex -Connection $c -CollectionName $typed -FieldName sparse -IndexType SPARSE_INVERTED_INDEX -MetricType IP | Out-Null
            Mount-MilvusCollection -Connection $c -Name $typed | Out-Null
        }
        It 'converts CSV text for INT8, FLOAT, JSON, ARRAY, sparse and dense vectors and a VARCHAR key' {
            'id,small,ratio,meta,tags,sparse,vector', 'a,-5,0.25,"{""k"": 1}","[1,2,3]","{""3"": 0.5, ""7"": 1.5}","1,2"', 'b,7,1e-1,"[1,2]",4;5,"{""1"": 1}","3;4"' |
                ConvertFrom-Csv | Add-MilvusEntity -Connection $c -CollectionName $typed
            $a, $b = Get-MilvusEntity -Connection $c -CollectionName $typed -Id 'a', 'b'
            $a.small | Should -BeOfType ([sbyte]); $a.small | Should -Be -5
            $a.ratio | Should -Be 0.25
            $a.meta | Should -BeExactly '{"k": 1}'
            @($a.tags) | Should -Be @(1, 2, 3)
            $a.sparse[[uint32] 3] | Should -Be 0.5
            $a.sparse[[uint32] 7] | Should -Be 1.5
            [float[]] $b.vector | Should -Be @(3, 4)
            @($b.tags) | Should -Be @(4, 5)
            [math]::Round($b.ratio, 5) | Should -Be 0.1
        }
        It 'serializes hashtables into JSON fields' {
            @{ id = 'e'; small = 3; ratio = 1; meta = @{ x = @(1, 2) }; tags = @(1); sparse = @{ 1 = 0.5 }; vector = 1, 1 } | Add-MilvusEntity -Connection $c -CollectionName $typed
            (Get-MilvusEntity -Connection $c -CollectionName $typed -Id 'e').meta | Should -BeExactly '{"x":[1,2]}'
        }
        It 'refuses out-of-range integers and invalid JSON text, naming the field' -ForEach @(
            @{ Row = @{ id = 'x'; small = 300; ratio = 1; meta = '{}'; tags = @(1); sparse = @{ 1 = 0.5 }; vector = '1,1' }; Message = "Row 1: field 'small' (Int8): 300 is out of range for Int8 (-128..127)." }
            @{ Row = @{ id = 'y'; small = 1; ratio = 1; meta = 'not json'; tags = @(1); sparse = @{ 1 = 0.5 }; vector = '1,1' }; Message = "Row 1: field 'meta' (Json): the text is not valid JSON (for a JSON string value, quote it: '`"text`"')." }
        ) {
            $Row | Add-MilvusEntity -Connection $c -CollectionName $typed -ErrorVariable err -ErrorAction SilentlyContinue
            $err[0].FullyQualifiedErrorId | Should -BeLike 'MilvusEntityInvalidValue*'
            $err[0].Exception.Message | Should -BeExactly $Message
        }
    }

    Context 'Set-MilvusEntity' {
        It 'upserts (replaces) an entity' {
            $r = @{ id = 1; vector = [float[]](9, 9, 9, 9); title = 'new' } | Set-MilvusEntity -Connection $c -CollectionName $col -PassThru
            $r.Operation | Should -BeExactly 'Upsert'
            $r.UpsertCount | Should -Be 1
            $e = Get-MilvusEntity -Connection $c -CollectionName $col -Id 1
            $e.title | Should -BeExactly 'new'
            [float[]] $e.vector | Should -Be @(9, 9, 9, 9)
        }
        It 'updates only the given fields with -PartialUpdate' {
            @{ id = 1; flag = $false } | Set-MilvusEntity -Connection $c -CollectionName $strict -PartialUpdate
            $e = Get-MilvusEntity -Connection $c -CollectionName $strict -Id 1
            $e.flag | Should -BeFalse
            [float[]] $e.vector | Should -Be @(0.5, 0.5)
        }
        It 'requires the primary key' {
            @{ vector = [float[]](1, 1, 1, 1) } | Set-MilvusEntity -Connection $c -CollectionName $col -ErrorVariable err -ErrorAction SilentlyContinue
            $err[0].Exception.Message | Should -BeExactly "Row 1: field 'id' (Int64) is required but missing."
        }
    }

    Context 'Get-MilvusEntity' {
        It 'points a count(*) through Get-MilvusEntity to Measure-MilvusEntity' {
            $e = try { Get-MilvusEntity -Connection $c -CollectionName $col -Filter 'id >= 0' -Property 'count(*)' -ErrorAction Stop } catch { $_ }
            $e.CategoryInfo.Category | Should -Be 'InvalidArgument'
            $e.ErrorDetails.RecommendedAction | Should -BeExactly 'Count entities with Measure-MilvusEntity (-Filter counts a subset); Get-MilvusEntity cannot page a count(*).'
        }
        It 'refuses a NaN or infinite search vector with a clean InvalidArgument record (Milvus code 1100)' -ForEach @(
            @{ Value = [float]::NaN }, @{ Value = [float]::PositiveInfinity }) {
            $e = try { Search-MilvusEntity -Connection $c -CollectionName $strict -Vector ($Value, 1) -Limit 1 -ErrorAction Stop } catch { $_ }
            $e.FullyQualifiedErrorId | Should -BeExactly 'MilvusEntityInvalidArgument,Milvus.PowerShell.Commands.SearchMilvusEntityCommand'
            $e.CategoryInfo.Category | Should -Be 'InvalidArgument'
            $e.TargetObject | Should -BeExactly $strict
            $e.ErrorDetails.Message | Should -BeExactly "the search vector of field 'vector' is illegal: value at index 0 is not a finite number: invalid parameter (Milvus code 1100)"
        }
        It 'explains a vector of the wrong length in dimensions, not bytes' {
            $e = try { Search-MilvusEntity -Connection $c -CollectionName $strict -Vector (1, 2, 3) -Limit 1 -ErrorAction Stop } catch { $_ }
            $e.FullyQualifiedErrorId | Should -BeExactly 'MilvusSearchVectorInvalid,Milvus.PowerShell.Commands.SearchMilvusEntityCommand'
            $e.CategoryInfo.Category | Should -Be 'InvalidArgument'
            $e.Exception.Message | Should -BeExactly "The query vector does not fit the searched field: it has 3 dimensions, but field 'vector' (FloatVector) has 2."
        }
        It 'refuses an -Id that does not fit an Int64 key with MilvusEntityIdInvalid (InvalidArgument)' {
            $e = try { Get-MilvusEntity -Connection $c -CollectionName $col -Id 'abc' -ErrorAction Stop } catch { $_ }
            $e.FullyQualifiedErrorId | Should -BeExactly 'MilvusEntityIdInvalid,Milvus.PowerShell.Commands.GetMilvusEntityCommand'
            $e.CategoryInfo.Category | Should -Be 'InvalidArgument'
            $e.TargetObject | Should -BeExactly 'abc'
            $e.Exception.Message | Should -BeExactly "-Id 'abc' does not fit the primary key 'id' (Int64): 'abc' is not a number"
        }
        It 'queries by filter, returning exact ids in key order' {
            (Get-MilvusEntity -Connection $c -CollectionName $col -Filter 'id >= 100 and id < 104' -Property id).id | Should -Be @(100, 101, 102, 103)
        }
        It 'pages with -First and -Skip' {
            (Get-MilvusEntity -Connection $c -CollectionName $col -Filter 'id >= 100 and id < 125' -First 3 -Skip 2 -Property id).id | Should -Be @(102, 103, 104)
        }
        It 'streams every match through the iterator with small pages' {
            $ids = (Get-MilvusEntity -Connection $c -CollectionName $col -Filter 'id >= 100 and id < 125' -BatchSize 7 -Property id).id
            $ids | Should -Be (100..124)
        }
        It 'stops cleanly under Select-Object -First' {
            (Get-MilvusEntity -Connection $c -CollectionName $col -Filter 'id >= 200' -BatchSize 5 -Property id | Select-Object -First 3).id | Should -Be @(200, 201, 202)
        }
        It 'stops a streaming read when the pipeline is stopped (Ctrl+C)' {
            $module = (Get-Module Milvus).Path
            $uri = if ($ctx.Server) { $ctx.Server.Uri } else { $ctx.DataPath }
            $ps = [powershell]::Create()
            try {
                [void] $ps.AddScript({
                        param($Module, $Uri, $Collection)
                        Import-Module $Module
                        $conn = Connect-Milvus -Uri $Uri -NoDefault
                        Get-MilvusEntity -Connection $conn -CollectionName $Collection -BatchSize 1 -Property id | ForEach-Object { Start-Sleep -Milliseconds 20; $_ }
                    }).AddArgument($module).AddArgument($uri).AddArgument($col)
                $output = [System.Management.Automation.PSDataCollection[psobject]]::new()
                $handle = $ps.BeginInvoke([System.Management.Automation.PSDataCollection[psobject]]::new(), $output)
                $deadline = [datetime]::UtcNow.AddSeconds(30)
                while ($output.Count -lt 3 -and -not $handle.IsCompleted -and [datetime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 20 }
                $ps.Stop()
                $ps.InvocationStateInfo.State | Should -Be 'Stopped'
                $output.Count | Should -BeGreaterOrEqual 3
                $output.Count | Should -BeLessThan (Measure-MilvusEntity -Connection $c -CollectionName $col)
            } finally { $ps.Dispose() }
        }
        It 'writes the total count first with -IncludeTotalCount' {
            $out = @(Get-MilvusEntity -Connection $c -CollectionName $col -Filter 'id >= 100 and id < 125' -First 2 -IncludeTotalCount -Property id)
            $out[0].ToString() | Should -BeLike '*25*'
            $out.Count | Should -Be 3
        }
        It 'hides vectors from the default display' {
            $e = Get-MilvusEntity -Connection $c -CollectionName $col -Id 2
            $e.PSStandardMembers.DefaultDisplayPropertySet.ReferencedPropertyNames | Should -Not -Contain 'vector'
            $e.PSStandardMembers.DefaultDisplayPropertySet.ReferencedPropertyNames | Should -Contain 'id'
            ($e | Format-Table | Out-String) | Should -Not -Match 'vector'
        }
        It 'uses filter templates' {
            (Get-MilvusEntity -Connection $c -CollectionName $col -Filter 'id in {ids}' -FilterParameter @{ ids = @(2, 3) } -Property id).id | Should -Be @(2, 3)
        }
        It 'reports a bad filter with the server message' {
            Get-MilvusEntity -Connection $c -CollectionName $col -Filter 'id >>> 1' -First 1 -ErrorVariable err -ErrorAction SilentlyContinue
            $err.Count | Should -Be 1
            $err[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
            $err[0].FullyQualifiedErrorId | Should -BeLike 'MilvusEntityInvalidArgument*'
            $err[0].Exception.Message | Should -Match 'cannot parse expression'
        }
    }

    Context 'progress of streamed queries' {
        It 'reports Write-Progress (rows read, rate) while Get-MilvusEntity streams many pages' {
            $big = New-TestName 'big'
            New-MilvusCollection -Connection $c -Name $big -Dimension 2 -ConsistencyLevel Strong | Out-Null
            Add-MilvusEntity -Connection $c -CollectionName $big -InputObject (1..20000 | ForEach-Object { @{ id = $_; vector = [float[]]($_, 1) } })
            $run = Invoke-WithProgress -Variable @{ c = $c; big = $big } {
                # A pause half way makes the work outlast the quiet period on any machine.
                @(Get-MilvusEntity -Connection $c -CollectionName $big -Property id -BatchSize 20 | ForEach-Object { if ($_.id -eq 10000) { Start-Sleep -Milliseconds 700 }; $_ }).Count
            }
            $run.Output | Should -Be 20000
            $working = @($run.Progress | Where-Object RecordType -eq 'Processing')
            $working.Count | Should -BeGreaterThan 0 -Because 'the query outlasts the quiet period'
            $working[-1].Activity | Should -BeExactly "Query '$big'"
            $working[-1].StatusDescription | Should -Match '^\d{1,3}(,\d{3})* rows read, \d{1,3}(,\d{3})* rows/s$'
            $working[-1].PercentComplete | Should -Be -1
            $run.Progress[-1].RecordType | Should -Be 'Completed'
            Remove-MilvusCollection -Connection $c -Name $big -Confirm:$false
        }
        It 'shows no progress for a query of one page' {
            $run = Invoke-WithProgress -Variable @{ c = $c; col = $col } { @(Get-MilvusEntity -Connection $c -CollectionName $col -Filter 'id < 3').Count }
            $run.Output | Should -Be 2
            $run.Progress.Count | Should -Be 0
        }
    }

    Context 'Remove-MilvusEntity and Measure-MilvusEntity' {
        It 'deletes by id' {
            $r = Remove-MilvusEntity -Connection $c -CollectionName $col -Id 30, 32 -PassThru
            $r.DeleteCount | Should -Be 2
            @(Get-MilvusEntity -Connection $c -CollectionName $col -Id 30, 32).Count | Should -Be 0
        }
        It 'deletes piped entities in batches' {
            $r = @(Get-MilvusEntity -Connection $c -CollectionName $col -Filter 'id >= 200' -Property id |
                Remove-MilvusEntity -Connection $c -CollectionName $col -BatchSize 40 -PassThru)
            $r.DeleteCount | Should -Be @(40, 40, 20)
            Measure-MilvusEntity -Connection $c -CollectionName $col -Filter 'id >= 200' | Should -Be 0
        }
        It 'deletes by filter with -Confirm:$false' {
            $r = Remove-MilvusEntity -Connection $c -CollectionName $col -Filter 'id >= 100 and id < 110' -Confirm:$false -PassThru
            $r.DeleteCount | Should -Be 10
            Measure-MilvusEntity -Connection $c -CollectionName $col -Filter 'id >= 100' | Should -Be 15
        }
        It 'asks before deleting by filter (ConfirmImpact High) unless -Confirm:$false or -Force' {
            # The test host is non-interactive, so the prompt itself fails: proof that the cmdlet asked.
            { Remove-MilvusEntity -Connection $c -CollectionName $col -Filter 'id >= 110' -ErrorAction Stop } | Should -Throw '*NonInteractive*'
            Measure-MilvusEntity -Connection $c -CollectionName $col -Filter 'id >= 110' | Should -Be 15
            (Remove-MilvusEntity -Connection $c -CollectionName $col -Filter 'id >= 124' -Force -PassThru).DeleteCount | Should -Be 1
            Set-MilvusEntity -Connection $c -CollectionName $col -InputObject @{ id = 124; vector = [float[]](1, 0, 0, 0) }
        }
        It 'does not ask before deleting by id (ConfirmImpact Medium)' {
            { Remove-MilvusEntity -Connection $c -CollectionName $col -Id 999 -ErrorAction Stop } | Should -Not -Throw
        }
        It 'previews a filter delete with -WhatIf' {
            Invoke-MilvusWhatIf -Connection $c -Variable @{ col = $col } { Remove-MilvusEntity -CollectionName $col -Filter 'id >= 110' -WhatIf }
            Measure-MilvusEntity -Connection $c -CollectionName $col -Filter 'id >= 110' | Should -Be 15
        }
        It 'counts with a filter and returns a [long]' {
            $n = Measure-MilvusEntity -Connection $c -CollectionName $col -Filter 'id < 20'
            $n | Should -BeOfType ([long])
            $n | Should -Be 5   # 1, 2, 3, 10, 11
        }
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
        (Get-MilvusEntity -Connection $c -CollectionName $col -Filter 'id > 0' -OrderBy 'price DESC', 'name' -First 10).id | Should -Be 2, 5, 4, 1, 3
        (Get-MilvusEntity -Connection $c -CollectionName $col -Filter 'id > 0' -OrderBy 'price desc nulls last' -Skip 1 -First 2).id | Should -Be 4, 3
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
