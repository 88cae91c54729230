namespace Milvus.Local.Indexes;

/// <summary>A graph node (or row, or list) with its distance to the query.</summary>
internal readonly record struct Candidate(float Distance, int Id);

/// <summary>Nearest candidate on top: the order of a graph walk's frontier.</summary>
internal readonly struct NearestFirst : IHeapOrder<Candidate>
{
    public bool Above(in Candidate a, in Candidate b) => a.Distance < b.Distance;
}

/// <summary>Farthest candidate on top: the order of a bounded result set (the root is the one the next nearer candidate evicts).</summary>
internal readonly struct FarthestFirst : IHeapOrder<Candidate>
{
    public bool Above(in Candidate a, in Candidate b) => a.Distance > b.Distance;
}
