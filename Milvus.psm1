# Loader of the Milvus module. PowerShell scans a binary module's types before it runs the module's initializer, and
# that scan already needs Milvus.Client (models hold its enums). So this script loads the cmdlet assembly, routes
# Milvus.Client & co. into the module's private AssemblyLoadContext (dependencies/), and only then imports the cmdlets.
# Importing by path (not -Assembly) keeps Import-Module -Force and Remove-Module/Import-Module working.
$cmdletAssemblyPath = Join-Path $PSScriptRoot 'Milvus.PowerShell.dll'
$cmdletAssembly = [System.Reflection.Assembly]::LoadFrom($cmdletAssemblyPath)
$initializer = $cmdletAssembly.GetType('Milvus.PowerShell.Loading.ModuleInitializer', $true)
$initializer::Register($PSScriptRoot)
Import-Module $cmdletAssemblyPath -DisableNameChecking
