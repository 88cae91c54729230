# Snapshot cmdlets: New/Get/Remove/Restore-MilvusSnapshot, Get-MilvusSnapshotRestoreJob, Lock-/Unlock-MilvusSnapshot,
# against a local .db and against Milvus.Local.Server on loopback.
BeforeDiscovery { $backends = @(@{ Backend = 'local' }, @{ Backend = 'server' }) }

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'DataTests.Helpers.psm1') -Force
    Import-MilvusUnderTest
}

Describe 'Snapshot cmdlets (<Backend>)' -ForEach $backends {
    BeforeAll {
        $ctx = Connect-TestBackend -Backend $Backend
        $c = $ctx.Connection
        $col = New-TestName 'snap'
        New-MilvusCollection -Connection $c -Name $col -Dimension 2 -ConsistencyLevel Strong | Out-Null
        $rows = 1..6 | ForEach-Object { @{ id = $_; vector = "$_,0"; title = "t$_" } }
        Add-MilvusEntity -Connection $c -CollectionName $col -InputObject $rows
    }
    AfterAll { Disconnect-TestBackend $ctx }

    It 'takes a snapshot and gets it by name, by pattern and by collection' {
        $s = New-MilvusSnapshot -Connection $c -Name before -CollectionName $col -Description 'six rows'
        $s.GetType().Name | Should -Be 'MilvusSnapshotInfo'
        ($s.Name, $s.CollectionName, $s.Description, $s.DatabaseName) | Should -Be @('before', $col, 'six rows', 'default')
        $s.PartitionNames | Should -Be @('_default')
        $s.CreatedAt | Should -BeGreaterThan ([DateTimeOffset]::UtcNow.AddMinutes(-5))
        New-MilvusSnapshot -Connection $c -Name second -CollectionName $col | Out-Null
        (Get-MilvusSnapshot -Connection $c -CollectionName $col).Name | Should -Be @('before', 'second')
        (Get-MilvusSnapshot -Connection $c -Name 'bef*').Name | Should -Be @('before')
        Get-MilvusSnapshot -Connection $c -Name nosuch -CollectionName $col -ErrorAction SilentlyContinue -ErrorVariable err
        $err[0].FullyQualifiedErrorId | Should -Be 'MilvusSnapshotNotFound,Milvus.PowerShell.Commands.Snapshot.GetMilvusSnapshotCommand'
    }

    It 'refuses a second snapshot of the same name in the collection with MilvusSnapshotExists' {
        New-MilvusSnapshot -Connection $c -Name before -CollectionName $col -ErrorAction SilentlyContinue -ErrorVariable err | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -Be 'MilvusSnapshotExists,Milvus.PowerShell.Commands.Snapshot.NewMilvusSnapshotCommand'
        $err[0].CategoryInfo.Category | Should -Be 'ResourceExists'
        $err[0].ErrorDetails.Message | Should -Be "snapshot already exists[snapshot=before][collection=$col] (Milvus code 65535)"
        $err[0].TargetObject | Should -Be 'before'
    }

    It 'restores exactly the snapshot rows after later deletes and inserts (-Wait)' {
        Remove-MilvusEntity -Connection $c -CollectionName $col -Filter 'id in [2, 4]' -Confirm:$false
        Add-MilvusEntity -Connection $c -CollectionName $col -InputObject @{ id = 7; vector = '7,0'; title = 't7' }
        $target = New-TestName 'restored'
        $job = Restore-MilvusSnapshot -Connection $c -Name before -CollectionName $col -TargetCollectionName $target -Wait
        $job.GetType().Name | Should -Be 'MilvusSnapshotRestoreJob'
        ($job.State, $job.Progress, $job.SnapshotName, $job.CollectionName, $job.Reason) | Should -Be @('Completed', 100, 'before', $target, '')
        Mount-MilvusCollection -Connection $c -Name $target
        (Get-MilvusEntity -Connection $c -CollectionName $target -Filter 'id > 0' -Property id, title | Sort-Object id |
            ForEach-Object { "$($_.id):$($_.title)" }) | Should -Be @('1:t1', '2:t2', '3:t3', '4:t4', '5:t5', '6:t6')
        (Get-MilvusEntity -Connection $c -CollectionName $col -Filter 'id > 0' -Property id | Sort-Object id).id | Should -Be @(1, 3, 5, 6, 7)
        $listed = Get-MilvusSnapshotRestoreJob -Connection $c -CollectionName $target
        $listed.JobId | Should -Be $job.JobId
        (Get-MilvusSnapshotRestoreJob -Connection $c -JobId $job.JobId).State | Should -Be 'Completed'
    }

    It 'returns a started job without -Wait, and a piped snapshot restores too' {
        $target = New-TestName 'piped'
        $job = Get-MilvusSnapshot -Connection $c -Name second -CollectionName $col | Restore-MilvusSnapshot -Connection $c -TargetCollectionName $target
        $job.State | Should -BeIn @('Pending', 'Executing', 'Completed')
        $deadline = [DateTime]::UtcNow.AddSeconds(20)
        do { $state = (Get-MilvusSnapshotRestoreJob -Connection $c -JobId $job.JobId).State } until ($state -eq 'Completed' -or [DateTime]::UtcNow -gt $deadline)
        $state | Should -Be 'Completed'
    }

    It 'reports an existing target collection as an error' {
        Restore-MilvusSnapshot -Connection $c -Name before -CollectionName $col -TargetCollectionName $col -ErrorAction SilentlyContinue -ErrorVariable err |
            Should -BeNullOrEmpty
        $err[0].ErrorDetails.Message | Should -Be "duplicate collection: collection $col already exists in database default (Milvus code 65535)"
    }

    It 'pins and unpins a snapshot' {
        $pin = Lock-MilvusSnapshot -Connection $c -Name before -CollectionName $col -TtlSeconds 600
        $pin.GetType().Name | Should -Be 'MilvusSnapshotPin'
        $pin.PinId | Should -BeGreaterThan 0
        ($pin.SnapshotName, $pin.CollectionName, $pin.TtlSeconds) | Should -Be @('before', $col, 600)
        $pin | Unlock-MilvusSnapshot -Connection $c -Confirm:$false
        Unlock-MilvusSnapshot -Connection $c -PinId $pin.PinId -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable err
        $err[0].FullyQualifiedErrorId | Should -Be 'MilvusSnapshotPinNotFound,Milvus.PowerShell.Commands.Snapshot.UnlockMilvusSnapshotCommand'
    }

    It 'removes snapshots with -WhatIf first, then for real (piped)' {
        Invoke-MilvusWhatIf -Connection $c -Variable @{ col = $col } { Get-MilvusSnapshot -CollectionName $col | Remove-MilvusSnapshot -WhatIf }
        (Get-MilvusSnapshot -Connection $c -CollectionName $col).Count | Should -Be 2
        Get-MilvusSnapshot -Connection $c -CollectionName $col | Remove-MilvusSnapshot -Connection $c -Confirm:$false
        Get-MilvusSnapshot -Connection $c -CollectionName $col | Should -BeNullOrEmpty
        Remove-MilvusSnapshot -Connection $c -Name before -CollectionName $col -Confirm:$false -ErrorAction Stop
    }

    It 'completes snapshot names of the given collection' {
        New-MilvusSnapshot -Connection $c -Name alpha -CollectionName $col | Out-Null
        New-MilvusSnapshot -Connection $c -Name beta -CollectionName $col | Out-Null
        $line = "Remove-MilvusSnapshot -Connection `$c -CollectionName $col -Name a"
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be @('alpha')
    }

    It 'formats snapshots, jobs and pins as tables' {
        (Get-MilvusSnapshot -Connection $c -CollectionName $col | Format-Table | Out-String -Width 250) | Should -Match 'Name\s+CollectionName\s+CreatedAt\s+Description'
        (Get-MilvusSnapshotRestoreJob -Connection $c | Format-Table | Out-String -Width 250) | Should -Match 'JobId\s+SnapshotName\s+Target\s+State\s+Progress\s+Reason'
        $pin = Lock-MilvusSnapshot -Connection $c -Name alpha -CollectionName $col
        ($pin | Format-Table | Out-String -Width 250) | Should -Match 'PinId\s+SnapshotName\s+CollectionName\s+TtlSeconds'
        Unlock-MilvusSnapshot -Connection $c -PinId $pin.PinId -Confirm:$false
    }
}
