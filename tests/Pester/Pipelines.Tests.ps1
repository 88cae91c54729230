# The six pipeline stories of the style guide (section 2.7), end to end, against a local .db and Milvus.Local.Server.
BeforeDiscovery {
    $backends = @(@{ Backend = 'local' }, @{ Backend = 'server' })
    Import-Module (Join-Path $PSScriptRoot 'DataTests.Helpers.psm1') -Force
    Import-MilvusUnderTest
    $rbacUnsupported = Test-RbacUnsupported
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'DataTests.Helpers.psm1') -Force
    Import-MilvusUnderTest
    $work = Join-Path ([IO.Path]::GetTempPath()) "pester-pipelines-$(Get-Random)"
    New-Item -ItemType Directory -Path $work | Out-Null
    # docs.csv: id, title, lang and a 3-d vector as JSON-array text, as embedding exports usually look.
    $docs = 1..12 | ForEach-Object {
        [pscustomobject]@{ id = $_; title = "doc $_"; lang = @('en', 'de')[$_ % 2]; vector = '[{0}, {1}, 0.5]' -f ($_ / 12), (1 - $_ / 12) }
    }
    $docs | Export-Csv (Join-Path $work 'docs.csv') -NoTypeInformation
    @([pscustomobject]@{ vector = '[1, 0, 0.5]' }, [pscustomobject]@{ vector = '0;1;0.5' }) | Export-Csv (Join-Path $work 'queries.csv') -NoTypeInformation
}
AfterAll { Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue }

Describe 'Pipeline stories (<Backend>)' -ForEach $backends {
    BeforeAll {
        $ctx = Connect-TestBackend -Backend $Backend
        $c = $ctx.Connection
        $docsName = New-TestName 'docs'
        New-MilvusCollection -Connection $c -Name $docsName -Dimension 3 -ConsistencyLevel Strong | Out-Null
    }
    AfterAll { Disconnect-TestBackend $ctx }

    It '1. Import-Csv docs.csv | Add-MilvusEntity -BatchSize loads every row in batches' {
        $r = @(Import-Csv (Join-Path $work 'docs.csv') | Add-MilvusEntity -Connection $c -CollectionName $docsName -BatchSize 5 -PassThru)
        $r.InsertCount | Should -Be @(5, 5, 2)
        ($r.Ids | ForEach-Object { $_ }) | Should -Be (1..12)
        Measure-MilvusEntity -Connection $c -CollectionName $docsName | Should -Be 12
        (Get-MilvusEntity -Connection $c -CollectionName $docsName -Id 4).lang | Should -BeExactly 'en'
    }
    It '2. Get-MilvusCollection tmp_* | Remove-MilvusCollection -WhatIf previews, then removes only the matches' {
        $prefix = New-TestName 'tmp'
        'a', 'b' | ForEach-Object { New-MilvusCollection -Connection $c -Name "${prefix}_$_" -Dimension 2 | Out-Null }
        Invoke-MilvusWhatIf -Connection $c -Variable @{ prefix = $prefix } { Get-MilvusCollection -Name "${prefix}_*" | Remove-MilvusCollection -WhatIf }
        @(Get-MilvusCollection -Connection $c -Name "${prefix}_*").Count | Should -Be 2
        Get-MilvusCollection -Connection $c -Name "${prefix}_*" | Remove-MilvusCollection -Confirm:$false
        @(Get-MilvusCollection -Connection $c -Name "${prefix}_*").Count | Should -Be 0
        @(Get-MilvusCollection -Connection $c -Name $docsName).Count | Should -Be 1
    }
    It '3. Import-Csv queries.csv | Search-MilvusEntity runs one query per row' {
        $hits = @(Import-Csv (Join-Path $work 'queries.csv') | Search-MilvusEntity -Connection $c -CollectionName $docsName -Limit 2 -Property title)
        $hits.Count | Should -Be 4
        $hits.QueryIndex | Should -Be @(0, 0, 1, 1)
        $hits[0].Id | Should -Be 12      # [1, 0, .5] is nearest the doc with the largest first component
        $hits[2].Id | Should -Be 1       # [0, 1, .5] is nearest doc 1
        $hits[0].title | Should -BeExactly 'doc 12'
    }
    It '4. Get-MilvusEntity -Filter | ForEach-Object {...} | Set-MilvusEntity streams and upserts' {
        $r = @(Get-MilvusEntity -Connection $c -CollectionName $docsName -Filter 'lang == "en"' -BatchSize 2 |
            ForEach-Object { $_.title = $_.title.ToUpperInvariant(); $_.vector = [float[]](0, 0, 1); $_ } |
            Set-MilvusEntity -Connection $c -CollectionName $docsName -PassThru)
        ($r | Measure-Object UpsertCount -Sum).Sum | Should -Be 6
        (Get-MilvusEntity -Connection $c -CollectionName $docsName -Id 4).title | Should -BeExactly 'DOC 4'
        [float[]] (Get-MilvusEntity -Connection $c -CollectionName $docsName -Id 4).vector | Should -Be @(0, 0, 1)
        (Get-MilvusEntity -Connection $c -CollectionName $docsName -Id 3).title | Should -BeExactly 'doc 3'
        Measure-MilvusEntity -Connection $c -CollectionName $docsName | Should -Be 12
    }
    It '5. Get-MilvusRole | Get-MilvusPrivilege | Export-Csv writes an RBAC audit' -Skip:$rbacUnsupported {
        $role = New-TestName 'auditor'
        New-MilvusRole -Connection $c -Name $role | Out-Null
        Grant-MilvusPrivilege -Connection $c -Role $role -Privilege Search -CollectionName $docsName
        $csv = Join-Path $work "grants-$Backend.csv"
        Get-MilvusRole -Connection $c -Name $role | Get-MilvusPrivilege | Export-Csv $csv -NoTypeInformation
        $rows = @(Import-Csv $csv)
        $rows.Count | Should -Be 1
        $rows[0].RoleName | Should -BeExactly $role
        $rows[0].Privilege | Should -BeExactly 'Search'
        $rows[0].ObjectName | Should -BeExactly $docsName
        Remove-MilvusRole -Connection $c -Name $role -Force -Confirm:$false
    }
    It '6. Runbook: -NoDefault connection, -Connection on every call, -ErrorAction Stop, -Confirm:$false' {
        $uri = if ($ctx.Server) { $ctx.Server.Uri } else { $ctx.DataPath }
        $rb = Connect-Milvus -Uri $uri -NoDefault -Name "runbook-$Backend"
        try {
            $name = New-TestName 'rb'
            New-MilvusCollection -Connection $rb -Name $name -Dimension 2 -ErrorAction Stop | Out-Null
            Add-MilvusEntity -Connection $rb -CollectionName $name -InputObject @{ id = 1; vector = [float[]](1, 0) } -ErrorAction Stop
            (Search-MilvusEntity -Connection $rb -CollectionName $name -Vector 1, 0 -Limit 1 -ErrorAction Stop).Id | Should -Be 1
            Remove-MilvusEntity -Connection $rb -CollectionName $name -Filter 'id > 0' -Confirm:$false -ErrorAction Stop
            Remove-MilvusCollection -Connection $rb -Name $name -Confirm:$false -ErrorAction Stop
            { Get-MilvusCollection -Connection $rb -Name $name -ErrorAction Stop } | Should -Throw -ErrorId 'MilvusCollectionNotFound*'
            (Get-MilvusConnection | Where-Object IsDefault) | Should -BeNullOrEmpty
        } finally {
            Disconnect-Milvus -Connection $rb
        }
    }
}
