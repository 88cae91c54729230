<#
.SYNOPSIS
    Milvus for PowerShell in one minute: a local vector database in ./demo.db, no server needed.
.DESCRIPTION
    Connects to a local .db file (created if missing), creates a collection, inserts rows from a CSV file,
    searches by vector with a filter, and cleans up. Run it with the README's first command, or in any
    pwsh 7.4+ after Import-Module ./out/Milvus/Milvus.psd1.
#>
$ErrorActionPreference = 'Stop'
$module = if ($env:MILVUS_MODULE_PATH) { $env:MILVUS_MODULE_PATH } else { Join-Path $PSScriptRoot '../out/Milvus/Milvus.psd1' }
Import-Module $module

# 1. Connect to a local database file (use http://host:19530 for a Milvus server; nothing else changes).
$dbPath = Join-Path (Get-Location) 'demo.db'
Connect-Milvus -Uri $dbPath | Format-List Name, Uri, Database, ServerVersion

# 2. Create a collection: int64 primary key "id", a 4-dimensional "vector", COSINE metric, loaded and ready.
if (Get-MilvusCollection -Name movies -ErrorAction SilentlyContinue) { Remove-MilvusCollection -Name movies -Confirm:$false }
New-MilvusCollection -Name movies -Dimension 4 | Format-Table Name, LoadState, Description

# 3. Insert rows straight from a CSV file; columns map to fields (title, genre and year land in the dynamic field).
Import-Csv (Join-Path $PSScriptRoot 'movies.csv') | Add-MilvusEntity -CollectionName movies -PassThru |
    Format-Table InsertCount, Ids

# 4. Search: the 3 movies nearest a vector, among science fiction only (a Milvus filter expression).
Search-MilvusEntity -CollectionName movies -Vector 0.1, 0.9, 0.2, 0.1 -Limit 3 -Filter 'genre == "scifi"' -Property title, year |
    Format-Table Rank, Id, Distance, title, year

# 5. Count and clean up.
"Entities in 'movies': $(Measure-MilvusEntity -CollectionName movies)"
Remove-MilvusCollection -Name movies -Confirm:$false
Disconnect-Milvus
"Done. The data lived in $dbPath."
