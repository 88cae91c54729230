# Aliases: create, list, describe, re-point, remove, completers. Local .db and server.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Milvus.TestHelpers.psm1') -Force
    Import-Module (Get-MilvusTestModulePath) -Force
}

Describe 'Aliases (<Mode>)' -Tag Integration -ForEach @(@{ Mode = 'local' }, @{ Mode = 'server' }) {
    BeforeAll {
        $script:Target = Connect-MilvusDocsTarget -Mode $Mode
    }

    AfterAll {
        Disconnect-MilvusTestTarget $script:Target
    }

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

    It 'Get-MilvusCollection with an alias describes the aliased collection' {
        $info = Get-MilvusCollection current
        $info.Name | Should -Be 'other'
        $info.Aliases | Should -Be @('current')
        @(Get-MilvusCollection 'cur*').Count | Should -Be 0 -Because 'wildcards match collection names only'
    }

    It 'writes MilvusAliasNotFound for an alias that does not exist' {
        Remove-MilvusAlias -Alias no_such_alias -ErrorVariable err -ErrorAction SilentlyContinue
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Be 'MilvusAliasNotFound,Milvus.PowerShell.Commands.Alias.RemoveMilvusAliasCommand'
    }

    It 'names the alias with -Name (the old -Alias still works)' {
        (Get-MilvusAlias -Name current).Alias | Should -BeExactly 'current'
        (Get-MilvusAlias -Alias current).Alias | Should -BeExactly 'current'
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
