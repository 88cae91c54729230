# Replication (CDC) cmdlets: Get-/Set-MilvusReplicateConfiguration and Get-MilvusWalMessage, which the local engine
# answers as not supported, against a local .db and Milvus.Local.Server.
BeforeDiscovery { $backends = @(@{ Backend = 'local' }, @{ Backend = 'server' }) }

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'DataTests.Helpers.psm1') -Force
    Import-MilvusUnderTest
}

Describe 'Replication cmdlets (<Backend>)' -ForEach $backends {
    BeforeAll {
        $ctx = Connect-TestBackend -Backend $Backend
        $c = $ctx.Connection
    }
    AfterAll { Disconnect-TestBackend $ctx }

    It 'Get-MilvusReplicateConfiguration reports the engine''s unsupported operation' {
        Get-MilvusReplicateConfiguration -Connection $c -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        Assert-NotSupported $err 'GetReplicateConfiguration'
    }
    It 'Set-MilvusReplicateConfiguration reports the engine''s unsupported operation and never shows the token' {
        $cluster = @{ ClusterId = 'a'; Uri = 'http://a:19530'; Token = 's3cret-token'; Pchannels = 'a-dml_0', 'a-dml_1' }
        Set-MilvusReplicateConfiguration -Connection $c -Cluster $cluster -Topology @{ SourceClusterId = 'a'; TargetClusterId = 'b' } -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
        Assert-NotSupported $err 'UpdateReplicateConfiguration'
        ($err[0] | Out-String) | Should -Not -Match 's3cret'
    }
    It 'Set-MilvusReplicateConfiguration without a ClusterId is a typed parameter error' {
        { Set-MilvusReplicateConfiguration -Connection $c -Cluster @{ Uri = 'http://a:19530' } -Confirm:$false -ErrorAction Stop } |
            Should -Throw -ErrorId 'MilvusReplicateConfigurationInvalid*'
    }
    It 'Get-MilvusWalMessage reports that the engine has no WAL to dump' {
        Get-MilvusWalMessage -Connection $c -Pchannel 'p' -StartMessageId '' -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'Milvus*NotSupported*'
        $err[0].CategoryInfo.Category | Should -Be 'NotImplemented'
    }
}
