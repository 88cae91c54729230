# The Gallery package: build.ps1 -Task Package writes out/packages/Milvus.<version>.nupkg. Registered as a local file
# repository, PSResourceGet installs it into a clean module path, and a fresh pwsh imports it by name and runs a quickstart.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Milvus.TestHelpers.psm1') -Force
    $script:Manifest = Get-MilvusTestModulePath
    $script:Packages = Join-Path (Split-Path (Split-Path $script:Manifest)) 'packages'
    $script:Version = (Import-PowerShellDataFile $script:Manifest).ModuleVersion
    # The pwsh of this session (the dotnet tool runs it through dotnet, so the process path is not pwsh itself).
    $script:Pwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')

    function Invoke-IsolatedPwsh([string] $TempHome, [string] $Script, [string[]] $Arguments) {
        # A fresh pwsh whose home (user module path, PSResourceGet's repository list) is $TempHome, so nothing of the
        # machine's own modules or repositories is seen or changed.
        $file = Join-Path $TempHome "step-$(Get-Random).ps1"
        Set-Content -LiteralPath $file -Value $Script
        $info = [Diagnostics.ProcessStartInfo]::new($script:Pwsh)
        foreach ($a in @('-NoProfile', '-NonInteractive', '-File', $file) + $Arguments) { $info.ArgumentList.Add($a) }
        $info.Environment['HOME'] = $TempHome
        $info.Environment['XDG_DATA_HOME'] = Join-Path $TempHome '.local/share'
        $info.Environment['XDG_CONFIG_HOME'] = Join-Path $TempHome '.config'
        $info.Environment['XDG_CACHE_HOME'] = Join-Path $TempHome '.cache'
        $info.Environment['PSModulePath'] = Join-Path $TempHome '.local/share/powershell/Modules'
        # PSResourceGet keeps its repository list in a PSResourceGet folder that can land in the working directory.
        $info.WorkingDirectory = $TempHome
        $info.RedirectStandardOutput = $true
        $info.RedirectStandardError = $true
        $process = [Diagnostics.Process]::Start($info)
        $stderr = $process.StandardError.ReadToEndAsync()
        $stdout = $process.StandardOutput.ReadToEnd()
        $process.WaitForExit()
        [pscustomobject]@{ ExitCode = $process.ExitCode; Output = @($stdout -split "`n" | ForEach-Object TrimEnd | Where-Object { $_ }); Error = $stderr.Result }
    }
}

Describe 'Gallery package' -Tag Integration {
    BeforeAll {
        $script:TempHome = Join-Path ([IO.Path]::GetTempPath()) "milvus-gallery-$PID-$(Get-Random)"
        New-Item -ItemType Directory -Force $script:TempHome | Out-Null
    }
    AfterAll { Remove-Item $script:TempHome -Recurse -Force -ErrorAction SilentlyContinue }

    It 'is one .nupkg named after the manifest version' {
        @(Get-ChildItem $script:Packages -Filter 'Milvus.*.nupkg').Name | Should -Be "Milvus.$($script:Version).nupkg"
    }

    It 'carries the Apache-2.0 LICENSE that the manifest''s LicenseUri names, in the module folder and the .nupkg' {
        $license = Get-Content -Raw (Join-Path (Split-Path $script:Manifest) 'LICENSE')
        $license | Should -BeExactly (Get-Content -Raw (Join-Path $PSScriptRoot '../../LICENSE'))
        $license | Should -Match 'Apache License\s+Version 2\.0, January 2004'
        (Import-PowerShellDataFile $script:Manifest).PrivateData.PSData.LicenseUri | Should -Be 'https://www.apache.org/licenses/LICENSE-2.0'
        Add-Type -AssemblyName System.IO.Compression.FileSystem
        $zip = [IO.Compression.ZipFile]::OpenRead((Get-ChildItem $script:Packages -Filter 'Milvus.*.nupkg').FullName)
        try { @($zip.Entries.FullName) | Should -Contain 'LICENSE' } finally { $zip.Dispose() }
    }

    It 'installs with Install-PSResource from a local repository, then imports by name in a fresh pwsh and searches a new .db' {
        $install = Invoke-IsolatedPwsh $script:TempHome @'
param($Repository)
$ErrorActionPreference = 'Stop'
Register-PSResourceRepository -Name MilvusLocal -Uri $Repository -Trusted
Install-PSResource -Name Milvus -Repository MilvusLocal -Scope CurrentUser -Quiet
(Get-InstalledPSResource -Name Milvus).Version.ToString()
'@ @($script:Packages)
        $install.Error | Should -BeNullOrEmpty
        $install.ExitCode | Should -Be 0
        $install.Output | Should -Be $script:Version

        $quickstart = Invoke-IsolatedPwsh $script:TempHome @'
param($Db)
$ErrorActionPreference = 'Stop'
Import-Module Milvus
(Get-Module Milvus).ModuleBase
Connect-Milvus $Db -TimeoutSec 120 | Out-Null   # a cold process on a loaded CI machine is slow to open the engine
New-MilvusCollection -Name movies -Dimension 2 -ConsistencyLevel Strong | Out-Null
@{ id = 1; vector = [float[]](1, 0) }, @{ id = 2; vector = [float[]](0.6, 0.8) }, @{ id = 3; vector = [float[]](0, 1) } |
    Add-MilvusEntity -CollectionName movies
Search-MilvusEntity -CollectionName movies -Vector 1, 0 -Limit 2 | ForEach-Object { '{0} {1:0.000}' -f $_.Id, $_.Distance }
Disconnect-Milvus
'@ @((Join-Path $script:TempHome 'quick.db'))
        $quickstart.Error | Should -BeNullOrEmpty
        $quickstart.ExitCode | Should -Be 0
        $quickstart.Output | Should -Be @(
            (Join-Path $script:TempHome ".local/share/powershell/Modules/Milvus/$($script:Version)")
            '1 1.000'
            '2 0.600'
        )
    }
}
