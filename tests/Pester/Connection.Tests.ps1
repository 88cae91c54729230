# Connect-Milvus, Get-/Test-/Disconnect-Milvus(Connection), Use-MilvusDatabase, per-runspace defaults, parallel use,
# Ctrl+C and secrets. Runs against a local .db file and against Milvus.Local.Server on loopback.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Milvus.TestHelpers.psm1') -Force
    Import-Module (Get-MilvusTestModulePath) -Force
    Import-Module (Join-Path $PSScriptRoot 'DataTests.Helpers.psm1') -Force
}

Describe 'Connections (<Mode>)' -Tag Integration -ForEach @(@{ Mode = 'local' }, @{ Mode = 'server' }) {
    BeforeAll {
        Disconnect-Milvus -All
        $script:Target = Connect-MilvusTestTarget -Mode $Mode
        $script:Connection = $script:Target.Connection
    }

    AfterAll {
        Disconnect-Milvus -All
        Disconnect-MilvusTestTarget $script:Target
    }

    It 'returns a connection that describes itself' {
        $c = $script:Connection
        $c | Should -BeOfType ([Milvus.PowerShell.Models.MilvusConnection])
        $c.IsOpen | Should -BeTrue
        $c.IsDefault | Should -BeTrue
        $c.AuthType | Should -Be 'None'
        $c.ServerVersion | Should -Not -BeNullOrEmpty
        $c.IsLocal | Should -Be ($Mode -eq 'local')
        if ($Mode -eq 'local') {
            $c.Uri | Should -Be $script:Target.DbPath
            $c.Name | Should -Be ([IO.Path]::GetFileNameWithoutExtension($script:Target.DbPath))
        } else {
            $c.Uri | Should -Be $script:Target.Server.Uri
            $c.Name | Should -Be '127.0.0.1'
        }
    }

    It 'is listed by Get-MilvusConnection and answers Test-MilvusConnection' {
        (Get-MilvusConnection -Default) | Should -Be $script:Connection
        @(Get-MilvusConnection).Count | Should -Be 1
        Test-MilvusConnection | Should -BeTrue
        Get-MilvusConnection -Name nosuch -ErrorAction SilentlyContinue -ErrorVariable err
        $err[0].FullyQualifiedErrorId | Should -Be 'MilvusConnectionNotFound,Milvus.PowerShell.Commands.Connection.GetMilvusConnectionCommand'
    }

    It 'reports the server version' {
        Get-MilvusServerVersion | Should -Be $script:Connection.ServerVersion
    }

    It 'keeps a -NoDefault connection out of the default and finds it by -Name' {
        $second = Connect-Milvus -Uri $script:Connection.Uri -Name second -NoDefault
        try {
            $second.IsDefault | Should -BeFalse
            (Get-MilvusConnection -Default).Name | Should -Be $script:Connection.Name
            Test-MilvusConnection -Connection second | Should -BeTrue
            (Get-MilvusConnection -Name 'sec*').Name | Should -Be 'second'
            $line = 'Get-MilvusCollection -Connection se'
            (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be @('second')
        } finally {
            Disconnect-Milvus -Connection second
        }
        Get-MilvusConnection -Name second -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'connects with -Token (a plain string or a SecureString) and -Database' {
        New-MilvusDatabase -Name tokendb | Out-Null
        try {
            $byString = Connect-Milvus -Uri $script:Connection.Uri -Token 'root:Milvus' -Database tokendb -Name by_string -NoDefault
            $byString.AuthType | Should -Be 'Token'
            $byString.Database | Should -Be 'tokendb'
            $secure = ConvertTo-SecureString 'root:Milvus' -AsPlainText -Force
            $bySecure = Connect-Milvus -Uri $script:Connection.Uri -Token $secure -Name by_secure -NoDefault
            $bySecure.AuthType | Should -Be 'Token'
            $bySecure.Database | Should -Be 'default'
            Disconnect-Milvus -Connection by_string
            Disconnect-Milvus -Connection by_secure
        } finally {
            Remove-MilvusDatabase -Name tokendb -Confirm:$false
        }
    }

    It 'refuses a database that does not exist at connect time' {
        { Connect-Milvus -Uri $script:Connection.Uri -Database nosuchdb -NoDefault } |
            Should -Throw -ErrorId 'MilvusDatabaseNotFound,Milvus.PowerShell.Commands.Connection.ConnectMilvusCommand'
    }

    It 'refuses to work on a closed connection' {
        $closed = Connect-Milvus -Uri $script:Connection.Uri -Name closing -NoDefault
        $closed | Disconnect-Milvus
        $closed.IsOpen | Should -BeFalse
        { Get-MilvusCollection -Connection $closed } |
            Should -Throw -ErrorId 'MilvusConnectionClosed,Milvus.PowerShell.Commands.Collection.GetMilvusCollectionCommand'
    }

    It 'switches databases with Use-MilvusDatabase' {
        New-MilvusDatabase -Name usedb | Out-Null
        try {
            Use-MilvusDatabase usedb
            $script:Connection.Database | Should -Be 'usedb'
            New-MilvusCollection -Name in_usedb -Dimension 2 | Select-Object -ExpandProperty DatabaseName | Should -Be 'usedb'
            (Get-MilvusCollection -Database default | Where-Object Name -EQ in_usedb) | Should -BeNullOrEmpty
            Use-MilvusDatabase default
            (Get-MilvusCollection -Database usedb).Name | Should -Be 'in_usedb'
            Remove-MilvusCollection -Name in_usedb -Database usedb -Confirm:$false
        } finally {
            Use-MilvusDatabase default
            Remove-MilvusDatabase -Name usedb -Confirm:$false
        }
        Use-MilvusDatabase nosuchdb -ErrorAction SilentlyContinue -ErrorVariable err
        $err[0].FullyQualifiedErrorId | Should -Be 'MilvusDatabaseNotFound,Milvus.PowerShell.Commands.Connection.UseMilvusDatabaseCommand'
        $script:Connection.Database | Should -Be 'default'
    }

    It 'works from ForEach-Object -Parallel with $using:, and parallel runspaces have no default of their own' {
        New-MilvusCollection -Name parallel_a -Dimension 2 | Out-Null
        $c = $script:Connection
        $modulePath = Get-MilvusTestModulePath   # (the test module is not on PSModulePath, so each runspace imports it)
        $names = 1..3 | ForEach-Object -Parallel {
            Import-Module $using:modulePath
            (Get-MilvusCollection -Name parallel_a -Connection $using:c).Name
        } -ThrottleLimit 3
        $names | Should -Be @('parallel_a', 'parallel_a', 'parallel_a')
        $ids = 1 | ForEach-Object -Parallel {
            Import-Module $using:modulePath
            try { Get-MilvusCollection -ErrorAction Stop } catch { $_.FullyQualifiedErrorId }
        }
        $ids | Should -Be 'MilvusNotConnected,Milvus.PowerShell.Commands.Collection.GetMilvusCollectionCommand'
        Remove-MilvusCollection parallel_a -Confirm:$false
    }
}

Describe 'Connection failures, Ctrl+C and secrets' -Tag Integration {
    BeforeAll {
        Disconnect-Milvus -All
        $script:Server = Start-MilvusTestServer
    }

    AfterAll {
        Disconnect-Milvus -All
        Stop-MilvusTestServer $script:Server
    }

    It 'says a local file held by another process is in use, and how to share it' {
        # The test server (another process) has its data file open.
        { Connect-Milvus -Uri $script:Server.DataPath -NoDefault } |
            Should -Throw -ErrorId 'MilvusLocalDatabaseInUse,Milvus.PowerShell.Commands.Connection.ConnectMilvusCommand'
        $Error[0].CategoryInfo.Category | Should -Be 'ResourceBusy'
        $Error[0].TargetObject | Should -Be $script:Server.DataPath
        $Error[0].ErrorDetails.Message | Should -BeLike "Could not open $($script:Server.DataPath): *database is in use*"
        $Error[0].ErrorDetails.RecommendedAction | Should -BeExactly ('A local .db file is open in one process at a time. Close the other one, or serve the file with ' +
            'Milvus.Local.Server --data <file> and connect every process to the address it prints.')
        Get-MilvusConnection | Should -BeNullOrEmpty
    }

    It 'points a local file that is not a Milvus database at the path' {
        $junk = Join-Path ([System.IO.Path]::GetTempPath()) "not-milvus-$([guid]::NewGuid()).db"
        [System.IO.File]::WriteAllBytes($junk, [byte[]](1..200))
        try {
            { Connect-Milvus -Uri $junk -NoDefault } | Should -Throw -ErrorId 'MilvusConnectFailed,Milvus.PowerShell.Commands.Connection.ConnectMilvusCommand'
            $Error[0].ErrorDetails.Message | Should -BeLike "Could not connect to ${junk}: *the file is not a database*"
            $Error[0].ErrorDetails.RecommendedAction | Should -BeExactly 'Check the path: it must name a Milvus local .db file, or a new one, in a folder that exists and is writable.'
        }
        finally { Remove-Item $junk -ErrorAction SilentlyContinue }
    }

    It 'fails to connect with MilvusConnectFailed, a ConnectionError naming the URI' {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start(); $port = $listener.LocalEndpoint.Port; $listener.Stop()   # a port nobody listens on
        { Connect-Milvus -Uri "http://127.0.0.1:$port" -TimeoutSec 5 } | Should -Throw -ErrorId 'MilvusConnectFailed,Milvus.PowerShell.Commands.Connection.ConnectMilvusCommand'
        $Error[0].CategoryInfo.Category | Should -Be 'ConnectionError'
        $Error[0].TargetObject | Should -Be "http://127.0.0.1:$port"
        Get-MilvusConnection | Should -BeNullOrEmpty
    }

    It 'cancels an in-flight call when the pipeline is stopped from another thread (Ctrl+C)' {
        # A TCP listener that accepts and never answers: the connect handshake hangs until cancelled.
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        $shell = [powershell]::Create()
        try {
            $port = $listener.LocalEndpoint.Port
            $null = $shell.AddScript("Import-Module '$(Get-MilvusTestModulePath)'; Connect-Milvus -Uri http://127.0.0.1:$port -TimeoutSec 600")
            $running = $shell.BeginInvoke()
            $accepted = $listener.AcceptTcpClientAsync()
            $accepted.Wait([TimeSpan]::FromSeconds(60)) | Should -BeTrue -Because 'the call reached the server'
            $stopping = $shell.BeginStop($null, $null)
            $stopping.AsyncWaitHandle.WaitOne([TimeSpan]::FromSeconds(30)) | Should -BeTrue -Because 'Stop cancels the call instead of waiting 600 s'
            $shell.InvocationStateInfo.State | Should -Be 'Stopped'
            $accepted.Result.Dispose()
        } finally {
            $shell.Dispose()
            $listener.Stop()
        }
    }

    It 'never shows the password: output, ToString, verbose, errors, $Error, transcript' {
        $secret = 'S3cret-Pa55-' + [guid]::NewGuid().ToString('N')
        $credential = [pscredential]::new('root', (ConvertTo-SecureString $secret -AsPlainText -Force))
        $transcript = Join-Path ([IO.Path]::GetTempPath()) "milvus-transcript-$PID.txt"
        $Error.Clear()
        Start-Transcript -Path $transcript | Out-Null
        try {
            $streams = & {
                $c = Connect-Milvus -Uri $script:Server.Uri -Credential $credential -Name secretive -NoDefault -Verbose -Debug
                $t = Connect-Milvus -Uri $script:Server.Uri -Token "root:$secret" -Name tokened -NoDefault -Verbose
                $t | Format-List * | Out-String
                Disconnect-Milvus -Connection $t
                $c | Format-List * | Out-String
                "$c"
                Get-MilvusCollection -Connection $c -Verbose
                Get-MilvusCollection -Connection $c -Name nosuch -ErrorAction Continue
                try { Connect-Milvus -Uri 'http://127.0.0.1:1' -Credential $credential -TimeoutSec 2 -Verbose } catch { $_ | Format-List * -Force | Out-String }
                try { Connect-Milvus -Uri "http://root:$secret@127.0.0.1:1" -TimeoutSec 2 } catch { $_ | Format-List * -Force | Out-String }
                Disconnect-Milvus -Connection secretive -Verbose
            } *>&1 | Out-String
        } finally {
            Stop-Transcript | Out-Null
        }
        $streams | Should -Not -BeNullOrEmpty
        $streams | Should -Not -Match $secret
        ($Error | ForEach-Object { "$_ $($_.Exception) $($_.ErrorDetails) $($_.TargetObject)" }) -join "`n" | Should -Not -Match $secret
        Get-Content -Raw $transcript | Should -Not -Match $secret
        Remove-Item $transcript
    }
}

Describe 'A server that stops' -Tag Integration {
    # A real Milvus.Local.Server process is killed under an open connection; every call must fail fast and clearly.
    BeforeEach {
        $script:Dying = Start-MilvusTestServer
        $script:Orphan = Connect-Milvus -Uri $script:Dying.Uri -NoDefault
        New-MilvusCollection -Connection $script:Orphan -Name live -Dimension 2 | Out-Null
        $script:Dying.Process.Kill($true)
        $script:Dying.Process.WaitForExit(10000) | Out-Null
    }

    AfterEach {
        Disconnect-Milvus -Connection $script:Orphan -ErrorAction SilentlyContinue
        Stop-MilvusTestServer $script:Dying
    }

    It 'fails Get-MilvusCollection within the default 20 s with a terminating ConnectionError that says what to do' {
        $script:Orphan.CallTimeout | Should -Be ([timespan]::FromSeconds(20))
        $clock = [Diagnostics.Stopwatch]::StartNew()
        { Get-MilvusCollection -Connection $script:Orphan -Name live } |
            Should -Throw -ErrorId 'MilvusCollectionUnavailable,Milvus.PowerShell.Commands.Collection.GetMilvusCollectionCommand'
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 21
        $clock.Elapsed.TotalSeconds | Should -BeGreaterThan 16 -Because 'transient failures are retried while the next attempt (after at most 3 s back-off) fits the budget'
        $Error[0].CategoryInfo.Category | Should -Be 'ConnectionError'
        $Error[0].Exception.Message | Should -BeLike '`[*`] Retry timeout: 20s, StatusCode.UNAVAILABLE, *'
        $Error[0].ErrorDetails.RecommendedAction | Should -BeLike 'Check that the Milvus server is running and reachable (Test-MilvusConnection)*'
    }

    It 'answers Test-MilvusConnection with $false within 10 s' {
        $clock = [Diagnostics.Stopwatch]::StartNew()
        Test-MilvusConnection -Connection $script:Orphan | Should -BeFalse
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 11
    }

    It 'takes its budget from Connect-Milvus -CallTimeoutSec, and from -TimeoutSec for one call' {
        Stop-MilvusTestServer $script:Dying
        $script:Dying = Start-MilvusTestServer
        $short = Connect-Milvus -Uri $script:Dying.Uri -NoDefault -CallTimeoutSec 2
        try {
            $short.CallTimeout | Should -Be ([timespan]::FromSeconds(2))
            $script:Dying.Process.Kill($true)
            $script:Dying.Process.WaitForExit(10000) | Out-Null
            { Get-MilvusDatabase -Connection $short } | Should -Throw '`[ListDatabases`] Retry timeout: 2s, StatusCode.UNAVAILABLE, *'
            { Get-MilvusDatabase -Connection $short -TimeoutSec 1 } | Should -Throw '`[ListDatabases`] Retry timeout: 1s, StatusCode.UNAVAILABLE, *'
        }
        finally { Disconnect-Milvus -Connection $short }
    }
}

Describe 'Module removal' -Tag Integration {
    It 'closes and forgets every connection when the module is removed' {
        $db = New-MilvusTestDbPath -Prefix 'removal'
        try {
            $c = Connect-Milvus -Uri $db
            Remove-Module Milvus
            $c.IsOpen | Should -BeFalse
            Import-Module (Get-MilvusTestModulePath)
            Get-MilvusConnection | Should -BeNullOrEmpty
        } finally {
            Import-Module (Get-MilvusTestModulePath)
            Remove-MilvusTestDb $db
        }
    }
}

Describe 'Server version (<Backend>)' -Tag Integration -ForEach @(@{ Backend = 'local' }, @{ Backend = 'server' }) {
    BeforeAll {
        $ctx = Connect-TestBackend -Backend $Backend
        $c = $ctx.Connection
    }
    AfterAll { Disconnect-TestBackend $ctx }

    It 'reports Milvus 3.0' {
        Get-MilvusServerVersion -Connection $c | Should -BeExactly 'v3.0.3'
    }
    It 'Get-MilvusServerVersion -ServerType is "milvus"' {
        Get-MilvusServerVersion -Connection $c -ServerType | Should -BeExactly 'milvus'
    }
}
