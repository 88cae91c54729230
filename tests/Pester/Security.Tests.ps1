# Users, roles, privileges and privilege groups against a local .db and against Milvus.Local.Server on loopback.
BeforeDiscovery {
    $backends = @(@{ Backend = 'local' }, @{ Backend = 'server' })
    # The suite runs once the engine implements RBAC; until then it is skipped with the engine's own answer as reason.
    Import-Module (Join-Path $PSScriptRoot 'DataTests.Helpers.psm1') -Force
    Import-MilvusUnderTest
    $rbacUnsupported = Test-RbacUnsupported
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'DataTests.Helpers.psm1') -Force
    Import-MilvusUnderTest
}

Describe 'Security cmdlets (<Backend>)' -ForEach $backends -Skip:$rbacUnsupported {
    BeforeAll {
        $ctx = Connect-TestBackend -Backend $Backend
        $c = $ctx.Connection
        $user = New-TestName 'user'
        $role = New-TestName 'role'
        $group = New-TestName 'grp'
        $password = ConvertTo-SecureString 'Secret-Pass-1' -AsPlainText -Force
        $newPassword = ConvertTo-SecureString 'Secret-Pass-2' -AsPlainText -Force
    }
    AfterAll {
        Remove-MilvusUser -Connection $c -Name $user -Confirm:$false -ErrorAction SilentlyContinue
        Remove-MilvusRole -Connection $c -Name $role -Force -Confirm:$false -ErrorAction SilentlyContinue
        Remove-MilvusPrivilegeGroup -Connection $c -Name $group -Confirm:$false -ErrorAction SilentlyContinue
        Disconnect-TestBackend $ctx
    }

    Context 'users' {
        It 'New-MilvusUser creates a user and returns it without any secret' {
            $u = New-MilvusUser -Connection $c -Name $user -Password $password
            $u | Should -BeOfType ([Milvus.PowerShell.Models.MilvusUserInfo])
            $u.UserName | Should -BeExactly $user
            ($u | Out-String) + ($u | ConvertTo-Json -Depth 2 -WarningAction SilentlyContinue) | Should -Not -Match 'Secret-Pass'
        }
        It 'Get-MilvusUser finds it by exact name and by wildcard' {
            (Get-MilvusUser -Connection $c -Name $user).UserName | Should -BeExactly $user
            @(Get-MilvusUser -Connection $c -Name 'user_*').UserName | Should -Contain $user
            @(Get-MilvusUser -Connection $c -Name 'no_such_*').Count | Should -Be 0
        }
        It 'Get-MilvusUser with an unknown exact name writes MilvusUserNotFound and continues' {
            $r = Get-MilvusUser -Connection $c -Name 'no_such_user_x', $user -ErrorVariable err -ErrorAction SilentlyContinue
            $r.UserName | Should -BeExactly $user
            $err[0].FullyQualifiedErrorId | Should -BeLike 'MilvusUserNotFound*'
            $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $err[0].TargetObject | Should -BeExactly 'no_such_user_x'
        }
        It 'Set-MilvusUser changes the password (old one must match)' {
            { Set-MilvusUser -Connection $c -Name $user -OldPassword $password -NewPassword $newPassword -ErrorAction Stop } | Should -Not -Throw
            $wrong = ConvertTo-SecureString 'not-the-password' -AsPlainText -Force
            Set-MilvusUser -Connection $c -Name $user -OldPassword $wrong -NewPassword $password -ErrorVariable err -ErrorAction SilentlyContinue
            $err.Count | Should -Be 1
            "$err" | Should -Not -Match 'not-the-password'
        }
        It 'Set-MilvusUser -Password is -NewPassword, as New-MilvusUser names it' {
            (Get-Command Set-MilvusUser).Parameters['NewPassword'].Aliases | Should -Be @('Password')
            Set-MilvusUser -Connection $c -Name $user -OldPassword $newPassword -Password $password -ErrorAction Stop
            # Changed back: the previous password no longer matches, the restored one does.
            Set-MilvusUser -Connection $c -Name $user -OldPassword $newPassword -Password $password -ErrorVariable err -ErrorAction SilentlyContinue
            $err.Count | Should -Be 1
            Set-MilvusUser -Connection $c -Name $user -OldPassword $password -Password $newPassword -ErrorAction Stop
        }
        It 'Set-MilvusUser -WhatIf changes nothing' {
            Invoke-MilvusWhatIf -Connection $c -Variable @{ user = $user } { Set-MilvusUser -Name $user -Description 'changed' -WhatIf }
            (Get-MilvusUser -Connection $c -Name $user).Description | Should -Not -Be 'changed'
        }
    }

    Context 'secrets' {
        It 'never writes a password to any stream, $Error or a transcript' {
            $secretText = 'Very-Secret-Pw-7'
            $secret = ConvertTo-SecureString $secretText -AsPlainText -Force
            $name = New-TestName 'sec'
            $transcript = Join-Path ([IO.Path]::GetTempPath()) "transcript-$(Get-Random).txt"
            $Error.Clear()
            Start-Transcript -Path $transcript | Out-Null
            try {
                $all = & {
                    New-MilvusUser -Connection $c -Name $name -Password $secret -Verbose -Debug -ErrorAction SilentlyContinue
                    New-MilvusUser -Connection $c -Name $name -Password $secret -Verbose -ErrorAction SilentlyContinue   # duplicate: an error
                    Set-MilvusUser -Connection $c -Name $name -OldPassword $secret -NewPassword $secret -Verbose -ErrorAction SilentlyContinue
                } *>&1 | Out-String
            } finally { Stop-Transcript | Out-Null }
            $all | Should -Not -Match $secretText
            ($Error | ForEach-Object { "$_ $($_.Exception) $($_.ErrorDetails) $($_.TargetObject)" }) -join ' ' | Should -Not -Match $secretText
            Get-Content -Raw $transcript | Should -Not -Match $secretText
            Remove-Item $transcript
            Remove-MilvusUser -Connection $c -Name $name -Confirm:$false
        }
    }

    Context 'roles and privileges' {
        It 'New-MilvusRole creates a role; Get-MilvusRole lists it' {
            (New-MilvusRole -Connection $c -Name $role).RoleName | Should -BeExactly $role
            @(Get-MilvusRole -Connection $c).RoleName | Should -Contain $role
            (Get-MilvusRole -Connection $c -Name $role).RoleName | Should -BeExactly $role
        }
        It 'Grant-MilvusRole gives the role to the user; Revoke-MilvusRole takes it back' {
            (Grant-MilvusRole -Connection $c -User $user -Role $role -PassThru).Roles | Should -Contain $role
            (Get-MilvusUser -Connection $c -Name $user).Roles | Should -Contain $role
            Revoke-MilvusRole -Connection $c -User $user -Role $role
            (Get-MilvusUser -Connection $c -Name $user).Roles | Should -Not -Contain $role
        }
        It 'Grant-/Revoke-MilvusRole name the role with -Name (positional after -User) and bind a piped role''s RoleName' {
            (Grant-MilvusRole -Connection $c -User $user -Name $role -PassThru).Roles | Should -Contain $role
            Revoke-MilvusRole -Connection $c $user $role
            (Get-MilvusUser -Connection $c -Name $user).Roles | Should -Not -Contain $role
            Get-MilvusRole -Connection $c -Name $role | Grant-MilvusRole -Connection $c -User $user
            (Get-MilvusUser -Connection $c -Name $user).Roles | Should -Contain $role
            (Get-MilvusRole -Connection $c -Name $role).Users | Should -Be @($user)
            Get-MilvusRole -Connection $c -Name $role | Revoke-MilvusRole -Connection $c -User $user -RoleName $role
            (Get-MilvusUser -Connection $c -Name $user).Roles | Should -Not -Contain $role
            (Get-MilvusRole -Connection $c -Name $role).Users.Count | Should -Be 0
        }
        It 'Grant-MilvusPrivilege (v2) grants on a collection of a database' {
            Grant-MilvusPrivilege -Connection $c -Role $role -Privilege Search -CollectionName 'docs' -Database 'default' | Should -BeNullOrEmpty
            $granted = @(Grant-MilvusPrivilege -Connection $c -Role $role -Privilege Query -CollectionName 'docs' -Database 'default' -PassThru)
            $granted.Count | Should -Be 1
            $granted[0] | Should -BeOfType ([Milvus.PowerShell.Models.MilvusPrivilegeGrant])
            "$($granted[0].RoleName)|$($granted[0].ObjectType)|$($granted[0].ObjectName)|$($granted[0].Privilege)|$($granted[0].DatabaseName)" |
                Should -BeExactly "$role|Collection|docs|Query|default"
            $grants = @(Get-MilvusPrivilege -Connection $c -Role $role)
            ($grants | Where-Object Privilege -eq 'Search').ObjectName | Should -BeExactly 'docs'
            ($grants | Where-Object Privilege -eq 'Query').ObjectName | Should -BeExactly 'docs'
            $grants[0] | Should -BeOfType ([Milvus.PowerShell.Models.MilvusPrivilegeGrant])
            $grants[0].RoleName | Should -BeExactly $role
            $grants[0].ObjectType | Should -BeExactly 'Collection'
        }
        It 'Grant-MilvusPrivilege -ObjectType (v1) grants a global privilege' {
            $granted = Grant-MilvusPrivilege -Connection $c -Role $role -ObjectType Global -ObjectName '*' -Privilege DescribeCollection -PassThru
            "$($granted.ObjectType)|$($granted.ObjectName)|$($granted.Privilege)" | Should -BeExactly 'Global|*|DescribeCollection'
            $g = Get-MilvusPrivilege -Connection $c -Role $role -Privilege DescribeCollection
            $g.ObjectType | Should -BeExactly 'Global'
            $g.ObjectName | Should -BeExactly '*'
        }
        It 'Get-MilvusRole | Get-MilvusPrivilege | Export-Csv gives a readable audit file' {
            $csv = Join-Path ([IO.Path]::GetTempPath()) "grants-$(Get-Random).csv"
            Get-MilvusRole -Connection $c -Name $role | Get-MilvusPrivilege | Export-Csv -Path $csv -NoTypeInformation
            $rows = @(Import-Csv $csv)
            Remove-Item $csv
            $rows.Count | Should -Be 3
            @($rows.Privilege | Sort-Object) | Should -Be @('DescribeCollection', 'Query', 'Search')
            $rows[0].PSObject.Properties.Name | Should -Contain 'RoleName'
            $rows[0].RoleName | Should -BeExactly $role
        }
        It 'piped grants revoke exactly what was listed' {
            $revoked = @(Get-MilvusPrivilege -Connection $c -Role $role -Privilege Query | Revoke-MilvusPrivilege -Connection $c -PassThru)
            $revoked.Count | Should -Be 1
            "$($revoked[0].RoleName)|$($revoked[0].ObjectName)|$($revoked[0].Privilege)" | Should -BeExactly "$role|docs|Query"
            @(Get-MilvusPrivilege -Connection $c -Role $role).Privilege | Sort-Object | Should -Be @('DescribeCollection', 'Search')
        }
        It 'Remove-MilvusRole without -Force on a role with grants names Revoke-MilvusPrivilege and -Force' {
            Remove-MilvusRole -Connection $c -Name $role -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
            $err.Count | Should -Be 1
            $err[0].ErrorDetails.RecommendedAction | Should -BeExactly ('Revoke the grants first with Revoke-MilvusPrivilege (Get-MilvusPrivilege -Role <role> | Revoke-MilvusPrivilege), ' +
                'or remove the role with Remove-MilvusRole -Force, which revokes them.')
            (Get-MilvusRole -Connection $c -Name $role).RoleName | Should -BeExactly $role
        }
        It 'Remove-MilvusRole -WhatIf keeps the role; -Force -Confirm:$false drops it with its grants' {
            Invoke-MilvusWhatIf -Connection $c -Variable @{ role = $role } { Remove-MilvusRole -Name $role -WhatIf }
            (Get-MilvusRole -Connection $c -Name $role).RoleName | Should -BeExactly $role
            Remove-MilvusRole -Connection $c -Name $role -Force -Confirm:$false
            @(Get-MilvusRole -Connection $c -Name $role -ErrorAction SilentlyContinue).Count | Should -Be 0
        }
    }

    Context 'privilege groups' {
        It 'New-MilvusPrivilegeGroup creates a group with privileges' {
            $g = New-MilvusPrivilegeGroup -Connection $c -Name $group -Privilege Search, Query
            $g.GroupName | Should -BeExactly $group
            (Get-MilvusPrivilegeGroup -Connection $c -Name $group).Privileges | Sort-Object | Should -Be @('Query', 'Search')
        }
        It 'Add-/Remove-MilvusPrivilegeGroupMember change the members' {
            (Add-MilvusPrivilegeGroupMember -Connection $c -Name $group -Privilege Insert -PassThru).Privileges | Sort-Object |
                Should -Be @('Insert', 'Query', 'Search')
            Remove-MilvusPrivilegeGroupMember -Connection $c -Name $group -Privilege Query
            (Get-MilvusPrivilegeGroup -Connection $c -Name $group).Privileges | Sort-Object | Should -Be @('Insert', 'Search')
        }
        It 'Remove-MilvusPrivilegeGroup drops the group' {
            Remove-MilvusPrivilegeGroup -Connection $c -Name $group -Confirm:$false
            @(Get-MilvusPrivilegeGroup -Connection $c -Name $group -ErrorAction SilentlyContinue).Count | Should -Be 0
        }
    }

    Context 'removing what does not exist' {
        It 'writes MilvusUserNotFound and MilvusRoleNotFound (ObjectNotFound) and goes on' {
            Remove-MilvusUser -Connection $c -Name no_such_user -Confirm:$false -ErrorVariable userErr -ErrorAction SilentlyContinue
            $userErr[0].FullyQualifiedErrorId | Should -Be 'MilvusUserNotFound,Milvus.PowerShell.Commands.RemoveMilvusUserCommand'
            Remove-MilvusRole -Connection $c -Name no_such_role -Confirm:$false -ErrorVariable roleErr -ErrorAction SilentlyContinue
            $roleErr[0].FullyQualifiedErrorId | Should -Be 'MilvusRoleNotFound,Milvus.PowerShell.Commands.RemoveMilvusRoleCommand'
            $roleErr[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        }
    }

    Context 'user removal' {
        It 'Get-MilvusUser | Remove-MilvusUser -Confirm:$false removes the piped user' {
            Get-MilvusUser -Connection $c -Name $user | Remove-MilvusUser -Confirm:$false
            @(Get-MilvusUser -Connection $c -Name $user -ErrorAction SilentlyContinue).Count | Should -Be 0
        }
    }
}

Describe 'Security cmdlet surface (no server needed)' {
    It 'completes privilege names and built-in privilege groups' {
        $line = 'Grant-MilvusPrivilege -Role r -Privilege CollectionR'
        $r = TabExpansion2 -inputScript $line -cursorColumn $line.Length
        $r.CompletionMatches.CompletionText | Should -Be @('CollectionReadOnly', 'CollectionReadWrite')
    }
    It 'completes object types' {
        $line = 'Revoke-MilvusPrivilege -Role r -Privilege Search -ObjectType G'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be @('Global')
    }
    It 'asks before irreversible removals (ConfirmImpact High)' -ForEach @(
        @{ Command = 'Remove-MilvusUser' }, @{ Command = 'Remove-MilvusRole' }, @{ Command = 'Remove-MilvusPrivilegeGroup' }) {
        $type = (Get-Command $Command).ImplementingType
        $attribute = $type.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $true)[0]
        $attribute.ConfirmImpact | Should -Be 'High'
        $attribute.SupportsShouldProcess | Should -BeTrue
    }
    It 'takes passwords only as SecureString or PSCredential' {
        (Get-Command New-MilvusUser).Parameters['Password'].ParameterType | Should -Be ([securestring])
        (Get-Command Set-MilvusUser).Parameters['NewPassword'].ParameterType | Should -Be ([securestring])
        (Get-Command New-MilvusUser).Parameters['Credential'].ParameterType | Should -Be ([pscredential])
    }
    It 'binds piped grants to Revoke-MilvusPrivilege by property name' {
        $grant = [Milvus.PowerShell.Models.MilvusPrivilegeGrant]@{ RoleName = 'r'; ObjectType = 'Global'; ObjectName = '*'; Privilege = 'Search'; DatabaseName = 'default' }
        # -Verbose shows the ShouldProcess action before the call (the call's own result does not matter here).
        $ctx = Connect-TestBackend -Backend local
        try {
            $verbose = $grant | Revoke-MilvusPrivilege -Connection $ctx.Connection -Verbose -ErrorAction SilentlyContinue 4>&1 |
                Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
            "$verbose" | Should -Match "Revoke Search on Global '\*'"
            "$verbose" | Should -Match "role 'r'"
        } finally { Disconnect-TestBackend $ctx }
    }
}

Describe 'Role and user descriptions (<Backend>)' -ForEach $backends {
    BeforeAll {
        $ctx = Connect-TestBackend -Backend $Backend
        $c = $ctx.Connection
        $role = New-TestName 'role'
        $user = New-TestName 'user'
    }
    AfterAll {
        Remove-MilvusRole -Connection $c -Name $role -Force -Confirm:$false -ErrorAction SilentlyContinue
        Remove-MilvusUser -Connection $c -Name $user -Confirm:$false -ErrorAction SilentlyContinue
        Disconnect-TestBackend $ctx
    }

    It 'New-MilvusRole -Description and Set-MilvusRole keep the role''s description' {
        New-MilvusRole -Connection $c -Name $role -Description 'reads' | Out-Null
        (Get-MilvusRole -Connection $c -Name $role).Description | Should -BeExactly 'reads'
        $changed = Set-MilvusRole -Connection $c -Name $role -Description 'reads everything' -PassThru -Confirm:$false
        $changed.Description | Should -BeExactly 'reads everything'
        (Get-MilvusRole -Connection $c -Name $role).Description | Should -BeExactly 'reads everything'
    }
    It 'Set-MilvusRole on an unknown role writes an error' {
        Set-MilvusRole -Connection $c -Name 'no_such_role_x' -Description 'x' -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].Exception.Message | Should -BeExactly "not found the role, maybe the role isn't existed or internal system error: invalid parameter"
    }
    It 'Set-MilvusUser -Description changes only the description' {
        New-MilvusUser -Connection $c -Name $user -Password (ConvertTo-SecureString 'Secret-Pass-1' -AsPlainText -Force) | Out-Null
        Set-MilvusUser -Connection $c -Name $user -Description 'analyst' -Confirm:$false
        (Get-MilvusUser -Connection $c -Name $user).Description | Should -BeExactly 'analyst'
    }
}
