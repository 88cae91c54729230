# Connect-Milvus against an enforcing local .db (-EnableAuthorization) and Milvus.Local.Server --auth: a clear terminating
# "authentication failed", per-item "permission denied" errors in pipelines, and the setting kept in the file.
BeforeDiscovery {
    $backends = @(@{ Backend = 'local' }, @{ Backend = 'server' })
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'DataTests.Helpers.psm1') -Force
    Import-MilvusUnderTest
    function New-TestCredential([string] $User, [string] $Password) {
        [pscredential]::new($User, (ConvertTo-SecureString $Password -AsPlainText -Force))
    }
}

Describe 'Authorization (<Backend>)' -ForEach $backends {
    BeforeAll {
        $root = New-TestCredential root Milvus
        if ($Backend -eq 'server') {
            $server = Start-TestServer -ExtraArgument '--auth'
            $uri = $server.Uri
        } else {
            $server = $null
            $uri = New-TestDatabasePath 'auth'
            Disconnect-Milvus -Connection (Connect-Milvus -Uri $uri -EnableAuthorization -Credential $root -NoDefault)
        }
        $admin = Connect-Milvus -Uri $uri -Credential $root -NoDefault
        New-MilvusUser -Connection $admin -Name alice -Password (ConvertTo-SecureString 'Alice-Pass-1' -AsPlainText -Force)
    }
    AfterAll {
        Disconnect-Milvus -Connection $admin -ErrorAction SilentlyContinue
        Stop-TestServer $server
        if ($Backend -eq 'local') { Remove-Item "$uri*" -Force -ErrorAction SilentlyContinue }
    }

    It 'refuses a connection without credentials with a terminating authentication error' {
        $e = { Connect-Milvus -Uri $uri -NoDefault } | Should -Throw -PassThru
        $e.FullyQualifiedErrorId | Should -BeLike 'MilvusConnectionNotAuthenticated,*'
        $e.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $e.ErrorDetails.Message | Should -BeLike 'Authentication failed for *missing authorization in header*'
    }

    It 'refuses a wrong password without echoing it' {
        $e = { Connect-Milvus -Uri $uri -Credential (New-TestCredential alice 'Not-Her-Pass-9') -NoDefault } | Should -Throw -PassThru
        $e.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $e.ErrorDetails.Message | Should -BeLike '*auth check failure, please check username and password are correct*'
        "$e $($e.Exception) $($e.ErrorDetails)" | Should -Not -Match 'Not-Her-Pass-9'
    }

    It 'connects with -Credential and with -Token' {
        $c = Connect-Milvus -Uri $uri -Credential (New-TestCredential alice 'Alice-Pass-1') -NoDefault
        $c.User | Should -Be 'alice'
        "$c" | Should -Not -Match 'Alice-Pass-1'
        Disconnect-Milvus -Connection $c
        $t = Connect-Milvus -Uri $uri -Token (ConvertTo-SecureString 'alice:Alice-Pass-1' -AsPlainText -Force) -NoDefault
        Disconnect-Milvus -Connection $t
    }

    It 'writes one permission-denied error per piped item and goes on' {
        $c = Connect-Milvus -Uri $uri -Credential (New-TestCredential alice 'Alice-Pass-1') -NoDefault
        $errs = $null
        'db_a', 'db_b' | New-MilvusDatabase -Connection $c -ErrorAction SilentlyContinue -ErrorVariable errs
        $errs.Count | Should -Be 2
        $errs | ForEach-Object { $_.CategoryInfo.Category | Should -Be 'PermissionDenied' }
        "$($errs[0])" | Should -BeLike '*PrivilegeCreateDatabase: permission deny to alice in the `db_a` database*'
        "$($errs[1])" | Should -BeLike '*PrivilegeCreateDatabase: permission deny to alice in the `db_b` database*'
        Disconnect-Milvus -Connection $c
    }
}
