# Every exported command has complete help (the Pester project's tst/Help.Tests.ps1 pattern), and the about topics
# are found by Get-Help. Needs no server.
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'DataTests.Helpers.psm1') -Force
    Import-MilvusUnderTest
    $commands = @(Get-Command -Module Milvus -CommandType Cmdlet | ForEach-Object { @{ Name = $_.Name } })
    $abouts = @('about_Milvus', 'about_Milvus_Connections', 'about_Milvus_Filters', 'about_Milvus_DataTypes', 'about_Milvus_Pipelines', 'about_Milvus_Security', 'about_Milvus_FullText') |
        ForEach-Object { @{ Topic = $_ } }
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'DataTests.Helpers.psm1') -Force
    Import-MilvusUnderTest
    $common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters

    # What is wrong with a piece of documented PowerShell: a parse error, an unknown Milvus command, or a parameter
    # that no name, alias or prefix of that command matches. Empty when the code is right.
    function Get-DocumentedCodeProblem([string] $Code) {
        $tokens = $null; $errors = $null
        $ast = [System.Management.Automation.Language.Parser]::ParseInput($Code, [ref] $tokens, [ref] $errors)
        if ($errors.Count -gt 0) { return "does not parse: $($errors[0].Message)" }
        foreach ($call in $ast.FindAll({ param($node) $node -is [System.Management.Automation.Language.CommandAst] }, $true)) {
            $name = $call.GetCommandName()
            if ($name -notlike '*-Milvus*') { continue }
            $command = Get-Command $name -ErrorAction SilentlyContinue
            if (-not $command) { "$name is not a command"; continue }
            $names = @($command.Parameters.Keys) + @($command.Parameters.Values | ForEach-Object Aliases)
            foreach ($parameter in $call.CommandElements | Where-Object { $_ -is [System.Management.Automation.Language.CommandParameterAst] }) {
                if (-not ($names | Where-Object { $_ -like "$($parameter.ParameterName)*" })) { "$name has no -$($parameter.ParameterName)" }
            }
        }
    }
}

Describe 'Help of <Name>' -Tag Help -ForEach $commands {
    BeforeAll {
        $help = Get-Help $Name -Full
        $command = Get-Command $Name
    }
    It 'has a synopsis that is not the generated default' {
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -BeLike "*$Name*[[]*"   # PowerShell's fallback synopsis is the syntax line
        $help.Synopsis | Should -Not -BeLike '*Fill in*'
    }
    It 'has a description that names the pymilvus call or behaviour' {
        ($help.Description.Text -join ' ') | Should -Not -BeNullOrEmpty
        ($help.Description.Text -join ' ') | Should -Not -BeLike '*Fill in*'
    }
    It 'has at least three examples, each with code and remarks' {
        @($help.Examples.Example).Count | Should -BeGreaterOrEqual 3
        foreach ($example in $help.Examples.Example) {
            $example.Code | Should -Not -BeNullOrEmpty
            ($example.Remarks.Text -join '') | Should -Not -BeNullOrEmpty
        }
    }
    It 'has a runbook example using -Connection and -ErrorAction Stop' {
        ($help.Examples.Example.Code -join "`n") | Should -Match '-Connection'
        ($help.Examples.Example.Code -join "`n") | Should -Match '-ErrorAction Stop'
    }
    It 'documents every parameter' {
        $documented = @($help.Parameters.Parameter | ForEach-Object Name)
        foreach ($parameter in $command.Parameters.Keys | Where-Object { $_ -notin $common }) {
            $documented | Should -Contain $parameter -Because "-$parameter of $Name needs help"
            $text = ($help.Parameters.Parameter | Where-Object Name -eq $parameter).Description.Text -join ' '
            $text | Should -Not -BeNullOrEmpty -Because "-$parameter of $Name needs a description"
            $text | Should -Not -BeLike '*Fill in*'
        }
    }
    It 'documents no parameter that does not exist' {
        foreach ($documented in @($help.Parameters.Parameter | ForEach-Object Name)) {
            $command.Parameters.Keys | Should -Contain $documented
        }
    }
    It 'has examples that parse and name only real commands and parameters' {
        foreach ($example in $help.Examples.Example) {
            Get-DocumentedCodeProblem ($example.Code -join "`n") | Should -BeNullOrEmpty -Because $example.Title
        }
    }
    It 'has notes (the privilege needed)' {
        ($help.alertSet.alert.Text -join ' ') | Should -Match 'privilege'
    }
}

Describe 'About topic <Topic>' -Tag Help -ForEach $abouts {
    It 'is found by Get-Help and has a short description' {
        $text = Get-Help $Topic | Out-String
        $text | Should -Match "TOPIC\s+$Topic"
        $text | Should -Match 'SHORT DESCRIPTION'
    }
}

Describe 'PowerShell in the about topics and the README' -Tag Help {
    It 'parses and names only real commands and parameters in <Name>' -ForEach @(
        Get-ChildItem (Join-Path $PSScriptRoot '../../docs/en-US') -Filter 'about_*.md'
        Get-Item (Join-Path $PSScriptRoot '../../README.md')
    ).Where({ Select-String -Path $_.FullName -Pattern '```powershell' -SimpleMatch -Quiet }).ForEach({ @{ Name = $_.Name; Path = $_.FullName } }) {
        $blocks = [regex]::Matches((Get-Content $Path -Raw), '```powershell\r?\n(.*?)```', 'Singleline')
        $blocks.Count | Should -BeGreaterThan 0
        foreach ($block in $blocks) {
            Get-DocumentedCodeProblem $block.Groups[1].Value | Should -BeNullOrEmpty -Because $block.Groups[1].Value
        }
    }
}

Describe 'Format views of the data, security and maintenance types' -Tag Format {
    It 'has a table view for <_>' -ForEach @(
        'MilvusMutationResult', 'MilvusCompactionResult', 'MilvusFlushResult', 'MilvusResourceGroupInfo', 'MilvusReplicaInfo',
        'MilvusSegmentInfo', 'MilvusAnalyzerResult', 'MilvusAnnSearchRequest', 'MilvusUserInfo', 'MilvusRoleInfo',
        'MilvusPrivilegeGrant', 'MilvusPrivilegeGroupInfo') {
        $format = Get-FormatData -TypeName "Milvus.PowerShell.Models.$_"
        $format | Should -Not -BeNullOrEmpty
        $format.FormatViewDefinition[0].Control | Should -BeOfType ([System.Management.Automation.TableControl])
    }
    It 'shows a mutation result as a table without the hidden Connection' {
        $text = [Milvus.PowerShell.Models.MilvusMutationResult]@{ Operation = 'Insert'; CollectionName = 'docs'; InsertCount = 2; Ids = @(1, 2) } | Out-String
        $text | Should -Match 'Operation\s+CollectionName'
        $text | Should -Match 'Insert\s+docs'
        $text | Should -Not -Match 'Connection'
    }
}
