# Add-, Get- and Remove-MilvusFileResource (Milvus 3.0 file resources) against a local .db and Milvus.Local.Server.
BeforeDiscovery { $backends = @(@{ Backend = 'local' }, @{ Backend = 'server' }) }

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'DataTests.Helpers.psm1') -Force
    Import-MilvusUnderTest
}

Describe 'File resources (<Backend>)' -ForEach $backends {
    BeforeAll {
        $ctx = Connect-TestBackend -Backend $Backend
        $c = $ctx.Connection
    }
    AfterAll { Disconnect-TestBackend $ctx }

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
