using Milvus.Local.Indexes;
using Milvus.Local.Search;

namespace Milvus.Local.Tests.Indexes;

/// <summary>
/// The one heap behind the graph walks' candidates and <see cref="TopK"/>: each order pops in its direction (ties
/// included), a bounded heap fed through ReplaceTop keeps exactly the best k, and TopK keeps the same hits in the same
/// tie order whatever order they are offered in.
/// </summary>
public sealed class BinaryHeapTests
{
    [Fact]
    public void Each_order_pops_every_candidate_in_its_direction_after_growing_from_one_slot()
    {
        var random = new Random(5);
        // Distances 0..49 drawn 300 times: many ties.
        var candidates = Enumerable.Range(0, 300).Select(i => new Candidate(random.Next(50), i)).ToArray();
        var nearest = new BinaryHeap<Candidate, NearestFirst>(capacity: 1);
        var farthest = new BinaryHeap<Candidate, FarthestFirst>(capacity: 1);
        foreach (var c in candidates)
        {
            nearest.Push(c);
            farthest.Push(c);
        }
        Assert.Equal(300, nearest.Count);
        var ascending = candidates.Select(c => c.Distance).Order().ToArray();
        Assert.Equal(ascending, Enumerable.Range(0, 300).Select(_ => nearest.Pop().Distance));
        Assert.Equal(ascending.Reverse(), Enumerable.Range(0, 300).Select(_ => farthest.Pop().Distance));
        Assert.Equal(0, nearest.Count);

        // Cleared and reused: the array is kept, the old items are gone.
        farthest.Push(new Candidate(7, 1));
        farthest.Clear();
        farthest.Push(new Candidate(3, 2));
        Assert.Equal(new Candidate(3, 2), farthest.Top);
        Assert.Equal([new Candidate(3, 2)], farthest.Items.ToArray());
    }

    [Fact]
    public void A_farthest_first_heap_fed_through_ReplaceTop_keeps_exactly_the_k_nearest()
    {
        var random = new Random(9);
        var distances = Enumerable.Range(0, 1000).Select(i => (float)random.NextDouble()).ToArray();
        var heap = new BinaryHeap<Candidate, FarthestFirst>(capacity: 11);
        for (var i = 0; i < distances.Length; i++)
        {
            if (heap.Count < 10) heap.Push(new Candidate(distances[i], i));
            else if (distances[i] < heap.Top.Distance) heap.ReplaceTop(new Candidate(distances[i], i));
        }
        var expected = distances.Select((d, i) => (d, i)).OrderBy(x => x.d).Take(10).Select(x => x.i).Order();
        Assert.Equal(expected, heap.Items.ToArray().Select(c => c.Id).Order());
        Assert.Equal(distances.Order().ElementAt(9), heap.Top.Distance);
    }

    [Theory]
    [InlineData("L2")]
    [InlineData("IP")]
    public void TopK_keeps_the_same_hits_in_the_same_tie_order_whatever_order_they_come_in(string metricName)
    {
        var metric = Metrics.Parse(metricName);
        var order = HitOrder.ByPosition(metric);
        // 200 hits over 3 views with only 8 distinct scores: the cut at k = 25 falls inside a run of ties.
        var hits = Enumerable.Range(0, 200).Select(i => new Hit(i % 8, i % 3, i)).ToList();
        var expected = hits.OrderBy(h => h, Comparer<Hit>.Create(order.Compare)).Take(25).ToList();
        var random = new Random(3);
        for (var round = 0; round < 20; round++)
        {
            var top = new TopK(25, order);
            foreach (var hit in hits.OrderBy(_ => random.Next())) top.Offer(hit);
            Assert.Equal(expected, top.Sorted());
            Assert.Equal(expected[^1], top.Worst);
        }
        // Best score first, ties by view then row.
        var best = metric == Metric.L2 ? 0f : 7f;
        Assert.Equal([new Hit(best, 0, metric == Metric.L2 ? 0 : 15), new Hit(best, 0, metric == Metric.L2 ? 24 : 39)], expected.Take(2));
    }
}
