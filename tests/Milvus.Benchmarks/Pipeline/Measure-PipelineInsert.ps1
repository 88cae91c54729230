#Requires -Version 7.4
<#
.SYNOPSIS
    Piped rows against the array path of Add-MilvusEntity, measured in the same run (issue 17: piped >= 80% of array).
.DESCRIPTION
    Builds -Rows hashtables (id, a -Dimension float vector, a title) once, then inserts them into fresh collections of a
    new local .db file in alternating order, -Repeat times each way:
      array: Add-MilvusEntity -InputObject $rows
      piped: $rows | Add-MilvusEntity
    and prints the median seconds, rows/s and the ratio piped/array speed. Run after build.ps1 -Task Package:
      dotnet pwsh -NoProfile tests/Milvus.Benchmarks/Pipeline/Measure-PipelineInsert.ps1
#>
[CmdletBinding()]
param(
    [int] $Rows = 50000,
    [int] $Dimension = 8,
    [int] $Repeat = 3,
    [string] $ModulePath = (Join-Path $PSScriptRoot '../../../out/Milvus/Milvus.psd1')
)

$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
$dir = Join-Path ([IO.Path]::GetTempPath()) "milvus-pipeline-bench-$PID"
New-Item -ItemType Directory -Force $dir | Out-Null
try {
    $c = Connect-Milvus (Join-Path $dir 'bench.db') -NoDefault
    $data = [Collections.Generic.List[object]]::new($Rows)
    for ($i = 1; $i -le $Rows; $i++) {
        $v = [float[]]::new($Dimension); $v[0] = $i; $v[1] = 1
        $data.Add(@{ id = $i; vector = $v; title = "row $i" })
    }
    $rowsArray = $data.ToArray()

    $times = @{ array = [Collections.Generic.List[double]]::new(); piped = [Collections.Generic.List[double]]::new() }
    $run = 0
    foreach ($round in 1..$Repeat) {
        foreach ($way in 'array', 'piped') {
            $name = "bench_$way" + (++$run)
            New-MilvusCollection -Connection $c -Name $name -Dimension $Dimension | Out-Null
            $clock = [Diagnostics.Stopwatch]::StartNew()
            if ($way -eq 'array') { Add-MilvusEntity -Connection $c -CollectionName $name -InputObject $rowsArray }
            else { $rowsArray | Add-MilvusEntity -Connection $c -CollectionName $name }
            $clock.Stop()
            $count = Measure-MilvusEntity -Connection $c -CollectionName $name
            if ($count -ne $Rows) { throw "$way inserted $count rows, expected $Rows" }
            $times[$way].Add($clock.Elapsed.TotalSeconds)
            Remove-MilvusCollection -Connection $c -Name $name -Confirm:$false
        }
    }

    $median = { param($list) $s = @($list | Sort-Object); $s[[int][Math]::Floor(($s.Count - 1) / 2)] }
    $array = & $median $times.array
    $piped = & $median $times.piped
    foreach ($way in 'array', 'piped') {
        $m = & $median $times[$way]
        '{0,-6} {1,7:N2} s median of {2} ({3})  {4,9:N0} rows/s' -f $way, $m, $Repeat, (($times[$way] | ForEach-Object { $_.ToString('N2') }) -join ', '), ($Rows / $m)
    }
    'piped speed / array speed: {0:P0}' -f ($array / $piped)
    Disconnect-Milvus -Connection $c
}
finally {
    Remove-Item $dir -Recurse -Force -ErrorAction SilentlyContinue
}
