# Runbook: the server dies in the middle of a pipeline that loads batches. The cmdlets must say so clearly, every batch
# they acknowledged must be there after a restart, the batch in flight must be whole or absent, and re-running the
# unacknowledged rows with Set-MilvusEntity (an upsert, safe to repeat) must end with every row exactly once.
# The client retries UNAVAILABLE as pymilvus does; -TimeoutSec bounds those retries, so the error comes within 10 s.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'DataTests.Helpers.psm1') -Force
    Import-MilvusUnderTest
    function New-Row([int] $Id) { [pscustomobject]@{ id = $Id; vector = [float[]]@(($Id % 7), ($Id % 11), 1) } }
}

Describe 'Killing the server in the middle of Add-MilvusEntity' {
    BeforeAll {
        $server = Start-TestServer
        $data = $server.DataPath
        $c = Connect-Milvus -Uri $server.Uri -NoDefault
        $name = New-TestName 'killed'
        New-MilvusCollection -Connection $c -Name $name -Dimension 3 -ConsistencyLevel Strong | Out-Null
        $total = 2000
        $batch = 50
        $killAt = 1000
        $acked = [System.Collections.Generic.List[object]]::new()
        $failure = $null
        try {
            1..$total | ForEach-Object {
                if ($_ -eq $killAt) { $server.Process.Kill(); [void] $server.Process.WaitForExit(10000) }
                New-Row $_
            } | Add-MilvusEntity -Connection $c -CollectionName $name -BatchSize $batch -PassThru -TimeoutSec 10 -ErrorAction Stop |
                ForEach-Object { $acked.Add($_) }
        }
        catch {
            $failure = $_
        }
        $ackedIds = @($acked | ForEach-Object { $_.Ids } | ForEach-Object { [long] $_ })
        Disconnect-Milvus -Connection $c -ErrorAction SilentlyContinue
        $restarted = Start-TestServer -DataPath $data
        $c2 = Connect-Milvus -Uri $restarted.Uri -NoDefault
    }
    AfterAll {
        Disconnect-Milvus -Connection $c2 -ErrorAction SilentlyContinue
        Stop-TestServer $restarted
    }

    It 'reports a clear error record naming the lost connection' {
        $failure | Should -Not -BeNullOrEmpty
        $failure.FullyQualifiedErrorId | Should -Not -BeNullOrEmpty
        $failure.CategoryInfo.Category | Should -BeIn @('ConnectionError', 'ResourceUnavailable', 'OperationTimeout', 'NotSpecified')
        $failure.Exception.Message | Should -Match 'unavailable|connect|refused|reset|shut ?down|deadline|timed out|did not finish within'
    }

    It 'acknowledged some batches before the kill and none after it' {
        $acked.Count | Should -BeGreaterThan 0
        $ackedIds.Count | Should -Be ($acked.Count * $batch)
        ($ackedIds | Measure-Object -Maximum).Maximum | Should -BeLessThan $killAt
    }

    It 'kept every acknowledged row, and at most one more whole batch' {
        $present = @(Get-MilvusEntity -Connection $c2 -CollectionName $name -Filter 'id >= 0' -Property id | ForEach-Object { [long] $_.id })
        $missing = @($ackedIds | Where-Object { $_ -notin $present })
        $missing.Count | Should -Be 0
        $extra = $present.Count - $ackedIds.Count
        $extra | Should -BeIn @(0, $batch)
    }

    It 're-running the unacknowledged rows with Set-MilvusEntity ends with every row exactly once' {
        $ackedSet = [System.Collections.Generic.HashSet[long]]::new([long[]] $ackedIds)
        1..$total | Where-Object { -not $ackedSet.Contains($_) } | ForEach-Object { New-Row $_ } |
            Set-MilvusEntity -Connection $c2 -CollectionName $name -BatchSize $batch
        Measure-MilvusEntity -Connection $c2 -CollectionName $name | Should -Be $total
        $ids = @(Get-MilvusEntity -Connection $c2 -CollectionName $name -Filter 'id >= 0' -Property id | ForEach-Object { [long] $_.id } | Sort-Object)
        $ids.Count | Should -Be $total
        ($ids | Select-Object -Unique).Count | Should -Be $total
    }
}
