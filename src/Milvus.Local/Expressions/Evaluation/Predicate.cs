namespace Milvus.Local.Expressions;

/// <summary>An executable, type-checked filter node: answers for all rows of a row set at once.</summary>
internal abstract class Predicate
{
    public abstract Truth Evaluate(EvalContext context);
}

internal sealed class ConstantPredicate(bool value) : Predicate
{
    public bool Value { get; } = value;

    public override Truth Evaluate(EvalContext context) => Truth.Constant(context.RowCount, Value);
}

internal sealed class NotPredicate(Predicate inner) : Predicate
{
    public Predicate Inner { get; } = inner;

    public override Truth Evaluate(EvalContext context) => Inner.Evaluate(context).Negate();
}

/// <summary>A flattened chain of <c>and</c> (or <c>or</c>) operands, evaluated without recursion per link.</summary>
internal sealed class LogicalPredicate(bool isAnd, IReadOnlyList<Predicate> operands) : Predicate
{
    public bool IsAnd { get; } = isAnd;

    public IReadOnlyList<Predicate> Operands { get; } = operands;

    public override Truth Evaluate(EvalContext context)
    {
        var result = Operands[0].Evaluate(context);
        for (var i = 1; i < Operands.Count; i++)
        {
            var next = Operands[i].Evaluate(context);
            result = IsAnd ? Truth.AndAll(result, next) : Truth.OrAll(result, next);
        }
        return result;
    }
}

/// <summary><c>predicate and random_sample(f)</c>: keeps a random fraction f of the rows the predicate matches.</summary>
internal sealed class RandomSamplePredicate(double factor, Predicate? filter) : Predicate
{
    public double Factor { get; } = factor;

    public Predicate? Filter { get; } = filter;

    public RandomSamplePredicate WithFilter(Predicate filter) => new(Factor, filter);

    public override Truth Evaluate(EvalContext context)
    {
        var matches = Filter?.Evaluate(context).True ?? Truth.Constant(context.RowCount, true).True;
        var candidates = new List<int>();
        for (var i = 0; i < matches.Length; i++) if (matches[i]) candidates.Add(i);
        var keep = (int)(candidates.Count * Factor);
        var result = new bool[context.RowCount];
        // Partial Fisher-Yates: the first `keep` slots become a uniform sample.
        for (var i = 0; i < keep; i++)
        {
            var j = Random.Shared.Next(i, candidates.Count);
            (candidates[i], candidates[j]) = (candidates[j], candidates[i]);
            result[candidates[i]] = true;
        }
        var falses = new bool[context.RowCount];
        Truth.Not(result, falses);
        return new Truth(result, falses);
    }
}
