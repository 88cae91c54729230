# Writes the fixtures of StoredIndexBlobTests with the engine of main at e4d2762 (before IVF_SQ8 shared ScalarCodes and
# SCANN scanned fast-scan blocks): pass the folder of that build of Milvus.Local.dll and its dependencies.
param([Parameter(Mandatory)][string]$Lib, [string]$Out = $PSScriptRoot)
$ErrorActionPreference = 'Stop'
foreach ($d in 'Google.Protobuf','System.Numerics.Tensors','Grpc.Core.Api','Milvus.Protocol') { [void][Reflection.Assembly]::LoadFrom("$Lib/$d.dll") }
$asm = [Reflection.Assembly]::LoadFrom("$Lib/Milvus.Local.dll")
$all = [Reflection.BindingFlags]'Public,NonPublic,Static,Instance'
$rows = 600; $dim = 16
function Vec([int]$r) { $v = [float[]]::new($dim); $c = $r % 6; for ($d = 0; $d -lt $dim; $d++) { $v[$d] = [float]([Math]::Sin($c * 2.1 + $d * 1.37) * 3 + [Math]::Sin($r * 0.731 + $d * 0.917) * 0.5) }; ,$v }
$bytes = [byte[]]::new($rows * $dim * 4)
for ($r = 0; $r -lt $rows; $r++) { $v = Vec $r; [Buffer]::BlockCopy($v, 0, $bytes, $r * $dim * 4, $dim * 4) }
$dataType = [Milvus.Protocol.Schema.DataType]::FloatVector
$colType = $asm.GetType('Milvus.Local.Columns.DenseVectorColumn')
$column = $colType.GetConstructors($all)[0].Invoke(@($dataType, $dim, $bytes, $rows, $null))
$metrics = $asm.GetType('Milvus.Local.Search.Metrics')
$spaceType = $asm.GetType('Milvus.Local.Indexes.VectorSpace')
$ivf = $asm.GetType('Milvus.Local.Indexes.IvfIndex')
$ivfPq = $asm.GetType('Milvus.Local.Indexes.IvfPqIndex')
$optionsType = $asm.GetType('Milvus.Local.Indexes.IndexSearchOptions')
$rowMask = $asm.GetType('Milvus.Local.Search.RowMask')
$mask = $rowMask.GetMethod('Excluding', $all).Invoke($null, @(,[bool[]]::new($rows)))
$out = $Out
foreach ($case in @(@('IVF_FLAT','L2'), @('IVF_SQ8','L2'), @('IVF_SQ8','COSINE'), @('SCANN','L2'), @('SCANN','IP'))) {
    $type, $metricName = $case
    $metric = $metrics.GetMethod('Parse', $all).Invoke($null, @($metricName))
    $space = $spaceType.GetConstructors($all)[0].Invoke(@($column, $metric))
    $ct = [Threading.CancellationToken]::None
    if ($type -eq 'SCANN') { $index = $ivfPq.GetMethod('BuildScann', $all).Invoke($null, @($space, 8, 2, $true, $ct)) }
    else { $index = $ivf.GetMethod('Build', $all).Invoke($null, @($space, 8, ($type -eq 'IVF_SQ8'), $ct)) }
    $name = "$($type.ToLower())-$($metricName.ToLower())"
    [IO.File]::WriteAllBytes("$out/$name.bin", $index.Serialize())
    $options = $optionsType.GetConstructors($all) | Where-Object { $_.GetParameters().Count -eq 3 } | Select-Object -First 1
    $opt = $options.Invoke(@($null, 8, 100))
    $lines = for ($q = 0; $q -lt 20; $q++) {
        $prepared = Vec (10000 + $q)
        if ($metricName -eq 'COSINE') { $n = [float][Math]::Sqrt([double](($prepared | ForEach-Object { $_ * $_ } | Measure-Object -Sum).Sum)); for ($d = 0; $d -lt $dim; $d++) { $prepared[$d] = $prepared[$d] / $n } }
        $hits = $index.Search($prepared, 10, $mask, $opt)
        ($hits | ForEach-Object { "$($_.Id):$($_.Distance.ToString('R', [Globalization.CultureInfo]::InvariantCulture))" }) -join ' '
    }
    [IO.File]::WriteAllLines("$out/$name.hits.txt", [string[]]$lines)
}

