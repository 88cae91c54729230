# Databases: New/Get/Set/Remove-MilvusDatabase, -Database on other cmdlets, ConfirmImpact. Local .db and server.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Milvus.TestHelpers.psm1') -Force
    Import-Module (Get-MilvusTestModulePath) -Force
}

Describe 'Databases (<Mode>)' -Tag Integration -ForEach @(@{ Mode = 'local' }, @{ Mode = 'server' }) {
    BeforeAll {
        Disconnect-Milvus -All
        $script:Target = Connect-MilvusTestTarget -Mode $Mode
    }

    AfterAll {
        Disconnect-MilvusTestTarget $script:Target
    }

    It 'creates a database with properties' {
        $db = New-MilvusDatabase -Name sales -Property @{ 'database.max.collections' = 10 }
        $db | Should -BeOfType ([Milvus.PowerShell.Models.MilvusDatabaseInfo])
        $db.Name | Should -Be 'sales'
        $db.DatabaseName | Should -Be 'sales'
        $db.Properties['database.max.collections'] | Should -Be '10'
    }

    It 'lists databases, with wildcards, and reports a missing one' {
        (Get-MilvusDatabase | Sort-Object Name).Name | Should -Be @('default', 'sales')
        (Get-MilvusDatabase 's*').Name | Should -Be 'sales'
        Get-MilvusDatabase nosuch -ErrorAction SilentlyContinue -ErrorVariable err
        $err[0].FullyQualifiedErrorId | Should -Be 'MilvusDatabaseNotFound,Milvus.PowerShell.Commands.Database.GetMilvusDatabaseCommand'
    }

    It 'shows CreatedAt in UTC, as the snapshot table does, whatever the culture' {
        $db = Get-MilvusDatabase sales
        $line = (($db | Format-Table | Out-String -Width 120) -split '\r?\n' | Where-Object { $_ -match '^sales ' })
        $line | Should -Match ([regex]::Escape($db.CreatedAt.UtcDateTime.ToString('yyyy-MM-dd HH:mm:ss') + 'Z') + '$')
    }

    It 'refuses a duplicate database with an Exists error' {
        New-MilvusDatabase -Name sales -ErrorAction SilentlyContinue -ErrorVariable err
        $err[0].CategoryInfo.Category | Should -Be 'ResourceExists'
        $err[0].FullyQualifiedErrorId | Should -Be 'MilvusDatabaseExists,Milvus.PowerShell.Commands.Database.NewMilvusDatabaseCommand'
    }

    It 'changes and removes properties' {
        (Set-MilvusDatabase sales -Property @{ 'database.max.collections' = 20 } -PassThru).Properties['database.max.collections'] | Should -Be '20'
        (Set-MilvusDatabase sales -RemoveProperty 'database.max.collections' -PassThru).Properties.ContainsKey('database.max.collections') | Should -BeFalse
    }

    It 'works in another database with -Database, and piped objects keep their database' {
        $c = New-MilvusCollection -Name orders -Dimension 2 -Database sales
        $c.DatabaseName | Should -Be 'sales'
        (Get-MilvusCollection -Database sales).Name | Should -Be 'orders'
        Get-MilvusCollection orders -ErrorAction SilentlyContinue | Should -BeNullOrEmpty   # not in default
        $c | Get-MilvusIndex | Select-Object -ExpandProperty DatabaseName | Should -Be 'sales'
    }

    It 'does not drop a database that still has collections' {
        Remove-MilvusDatabase sales -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable err
        $err.Count | Should -Be 1
        (Get-MilvusDatabase sales).Name | Should -Be 'sales'
    }

    It 'writes MilvusDatabaseNotFound for a database that does not exist' {
        Remove-MilvusDatabase -Name no_such_db -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Be 'MilvusDatabaseNotFound,Milvus.PowerShell.Commands.Database.RemoveMilvusDatabaseCommand'
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'drops a database through the pipeline once it is empty' {
        Get-MilvusCollection -Database sales | Remove-MilvusCollection -Confirm:$false
        Get-MilvusDatabase sales | Remove-MilvusDatabase -Confirm:$false
        (Get-MilvusDatabase).Name | Should -Be @('default')
    }
}
