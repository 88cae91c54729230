using System.Text;

namespace Milvus.Local.Expressions;

/// <summary>
/// Recursive-descent (precedence climbing) parser equivalent to Plan.g4's left-recursive <c>expr</c> rule:
/// alternatives listed earlier in the grammar bind tighter, binary operators are left-associative, and a
/// prefix operator's operand is parsed at that operator's own level (so <c>not a == 1</c> is <c>(not a) == 1</c>).
/// </summary>
internal sealed class Parser
{
    public const int MaxDepth = 1000;

    // Binding strength, loosest first (Plan.g4 order, reversed).
    private const int Or = 1, And = 2, BitOr = 3, BitXor = 4, BitAnd = 5, Equality = 6, Relational = 7, Range = 8,
        Term = 9, Shift = 10, AddSub = 11, MulDivMod = 12, Unary = 13, Power = 14, Like = 15;

    private readonly List<Token> _tokens;
    private int _pos;
    private int _recursion;

    private Parser(List<Token> tokens) => _tokens = tokens;

    /// <summary>Parses a whole filter; throws <see cref="FilterSyntaxException"/> or <see cref="FilterSemanticException"/>.</summary>
    public static Syntax Parse(string expression)
    {
        var parser = new Parser(Lexer.Tokenize(expression));
        var tree = parser.ParseExpr(0);
        if (parser.Current.Kind != TokenKind.Eof)
            throw new FilterSemanticException($"invalid expression: {expression}");
        return tree;
    }

    private Token Current => _tokens[_pos];

    private Token Peek(int ahead) => _tokens[Math.Min(_pos + ahead, _tokens.Count - 1)];

    private SourceText TextFrom(int startToken) => new(_tokens, startToken, _pos);

    private Token Expect(TokenKind kind, string display)
    {
        var token = Current;
        if (token.Kind == kind)
        {
            _pos++;
            return token;
        }
        // ANTLR's recovery wording: at the end of input the expected token is "missing"; if the expected token
        // follows right after, the current one is "extraneous"; otherwise the input is "mismatched".
        if (token.Kind == TokenKind.Eof)
            throw new FilterSyntaxException(token.Column, $"missing {display} at '<EOF>'");
        if (Peek(1).Kind == kind)
            throw new FilterSyntaxException(token.Column, $"extraneous input '{token.Display}' expecting {display}");
        throw new FilterSyntaxException(token.Column, $"mismatched input '{token.Display}' expecting {display}");
    }

    private static int BinaryLevel(TokenKind kind) => kind switch
    {
        TokenKind.Or => Or,
        TokenKind.And => And,
        TokenKind.BOr => BitOr,
        TokenKind.BXor => BitXor,
        TokenKind.BAnd => BitAnd,
        TokenKind.Eq or TokenKind.Ne => Equality,
        TokenKind.Lt or TokenKind.Le or TokenKind.Gt or TokenKind.Ge => Relational,
        TokenKind.In => Term,
        TokenKind.Shl or TokenKind.Shr => Shift,
        TokenKind.Add or TokenKind.Sub => AddSub,
        TokenKind.Mul or TokenKind.Div or TokenKind.Mod => MulDivMod,
        TokenKind.Pow => Power,
        TokenKind.Like => Like,
        _ => -1,
    };

    private static int Deeper(params Syntax[] children)
    {
        var max = 0;
        foreach (var child in children) max = Math.Max(max, child.Depth);
        return max + 1;
    }

    private Syntax ParseExpr(int minLevel)
    {
        if (++_recursion > MaxDepth)
            throw new FilterSemanticException($"expression is nested too deeply (more than {MaxDepth} levels)");
        try
        {
            var start = _pos;
            var left = ParsePrimary();
            while (true)
            {
                var op = Current;
                // 'not in' is the Term alternative with a NOT before IN.
                if (op.Kind == TokenKind.Not && Peek(1).Kind == TokenKind.In && Term >= minLevel)
                {
                    _pos += 2;
                    var right = ParseExpr(Term + 1);
                    left = new TermSyntax(TextFrom(start), left, right, Not: true) { Depth = Deeper(left, right) };
                    continue;
                }
                var level = BinaryLevel(op.Kind);
                if (level < 0) break;
                if (level == Relational && IsRangeAhead() && Range >= minLevel)
                {
                    left = ParseRange(start, left);
                    continue;
                }
                if (level < minLevel) break;
                _pos++;
                if (op.Kind == TokenKind.Like)
                {
                    var pattern = Current;
                    if (pattern.Kind != TokenKind.StringLiteral)
                        throw new FilterSyntaxException(pattern.Column, $"mismatched input '{pattern.Display}' expecting StringLiteral");
                    _pos++;
                    left = new LikeSyntax(TextFrom(start), left, pattern.Text) { Depth = Deeper(left) };
                    continue;
                }
                var rhs = ParseExpr(level + 1);
                var text = TextFrom(start);
                left = op.Kind == TokenKind.In
                    ? new TermSyntax(text, left, rhs, Not: false) { Depth = Deeper(left, rhs) }
                    : new BinarySyntax(text, op.Kind, op.Text, left, rhs)
                    {
                        // and/or chains are flattened by the binder, so only their right operands nest.
                        Depth = op.Kind is TokenKind.And or TokenKind.Or
                            ? Math.Max(left.Depth, rhs.Depth + 1)
                            : Deeper(left, rhs),
                    };
                if (left.Depth > MaxDepth)
                    throw new FilterSemanticException($"expression is nested too deeply (more than {MaxDepth} levels)");
            }
            return left;
        }
        finally
        {
            _recursion--;
        }
    }

    // lower (< | <=) column (< | <=) upper, or the > / >= mirror: the column must be a (JSON) identifier.
    private bool IsRangeAhead()
    {
        var op1 = Current.Kind;
        var column = Peek(1).Kind;
        var op2 = Peek(2).Kind;
        if (column is not (TokenKind.Identifier or TokenKind.JsonIdentifier)) return false;
        var lower = op1 is TokenKind.Lt or TokenKind.Le && op2 is TokenKind.Lt or TokenKind.Le;
        var upper = op1 is TokenKind.Gt or TokenKind.Ge && op2 is TokenKind.Gt or TokenKind.Ge;
        return lower || upper;
    }

    private Syntax ParseRange(int start, Syntax lower)
    {
        var op1 = Current.Kind;
        _pos++;
        var columnToken = Current;
        _pos++;
        var column = columnToken.Kind == TokenKind.JsonIdentifier
            ? (Syntax)new JsonIdentifierSyntax(columnToken.Text)
            : new IdentifierSyntax(columnToken.Text);
        var op2 = Current.Kind;
        _pos++;
        var upper = ParseExpr(Range + 1);
        var reverse = op1 is TokenKind.Gt or TokenKind.Ge;
        return new RangeSyntax(TextFrom(start), lower, op1, column, op2, upper, reverse) { Depth = Deeper(lower, upper) };
    }

    private Syntax ParsePrimary()
    {
        var start = _pos;
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.IntegerConstant:
            case TokenKind.FloatingConstant:
            case TokenKind.BooleanConstant:
            case TokenKind.StringLiteral:
            case TokenKind.RawStringLiteral:
                _pos++;
                return new LiteralSyntax(token.Text, token.Kind);
            case TokenKind.Identifier:
                return ParseIdentifierLed();
            case TokenKind.Meta:
                _pos++;
                return new IdentifierSyntax(token.Text);
            case TokenKind.JsonIdentifier:
                _pos++;
                if (Current.Kind is TokenKind.IsNull or TokenKind.IsNotNull)
                {
                    var not = Current.Kind == TokenKind.IsNotNull;
                    _pos++;
                    return new IsNullSyntax(TextFrom(start), new JsonIdentifierSyntax(token.Text), not);
                }
                return new JsonIdentifierSyntax(token.Text);
            case TokenKind.LBrace:
                {
                    _pos++;
                    var name = Expect(TokenKind.Identifier, "Identifier");
                    Expect(TokenKind.RBrace, "'}'");
                    return new TemplateSyntax(TextFrom(start), name.Text);
                }
            case TokenKind.LParen:
                {
                    _pos++;
                    var inner = ParseExpr(0);
                    Expect(TokenKind.RParen, "')'");
                    return inner;
                }
            case TokenKind.LBracket:
                {
                    _pos++;
                    var items = new List<Syntax> { ParseExpr(0) };
                    while (Current.Kind == TokenKind.Comma)
                    {
                        _pos++;
                        if (Current.Kind == TokenKind.RBracket) break;
                        items.Add(ParseExpr(0));
                    }
                    Expect(TokenKind.RBracket, "']'");
                    return new ArraySyntax(TextFrom(start), items) { Depth = Deeper([.. items]) };
                }
            case TokenKind.EmptyArray:
                _pos++;
                return new ArraySyntax(TextFrom(start), []);
            case TokenKind.Exists:
                {
                    _pos++;
                    var operand = ParseExpr(Like + 1);
                    return new ExistsSyntax(TextFrom(start), operand) { Depth = Deeper(operand) };
                }
            case TokenKind.Add:
            case TokenKind.Sub:
            case TokenKind.BNot:
            case TokenKind.Not:
                {
                    _pos++;
                    var operand = ParseExpr(Unary);
                    return new UnarySyntax(TextFrom(start), token.Kind, token.Text, operand) { Depth = Deeper(operand) };
                }
            case TokenKind.JsonContains:
            case TokenKind.JsonContainsAll:
            case TokenKind.JsonContainsAny:
            case TokenKind.ArrayContains:
            case TokenKind.ArrayContainsAll:
            case TokenKind.ArrayContainsAny:
                {
                    _pos++;
                    Expect(TokenKind.LParen, "'('");
                    var field = ParseExpr(0);
                    Expect(TokenKind.Comma, "','");
                    var element = ParseExpr(0);
                    Expect(TokenKind.RParen, "')'");
                    return new ContainsSyntax(TextFrom(start), token.Kind, field, element) { Depth = Deeper(field, element) };
                }
            case TokenKind.ArrayLength:
                {
                    _pos++;
                    Expect(TokenKind.LParen, "'('");
                    var column = Current;
                    if (column.Kind is not (TokenKind.Identifier or TokenKind.JsonIdentifier))
                        throw NoViable(start);
                    _pos++;
                    Expect(TokenKind.RParen, "')'");
                    Syntax columnSyntax = column.Kind == TokenKind.JsonIdentifier
                        ? new JsonIdentifierSyntax(column.Text)
                        : new IdentifierSyntax(column.Text);
                    return new ArrayLengthSyntax(TextFrom(start), columnSyntax);
                }
            case TokenKind.TextMatch:
                {
                    var (field, query) = ParseMatchHead();
                    string? minimum = null;
                    if (Current.Kind == TokenKind.Comma)
                    {
                        _pos++;
                        Expect(TokenKind.MinimumShouldMatch, "MINIMUM_SHOULD_MATCH");
                        Expect(TokenKind.Assign, "'='");
                        minimum = Expect(TokenKind.IntegerConstant, "IntegerConstant").Text;
                    }
                    Expect(TokenKind.RParen, "')'");
                    return new TextMatchSyntax(TextFrom(start), field.Text, query.Text, minimum);
                }
            case TokenKind.PhraseMatch:
                {
                    var (field, query) = ParseMatchHead();
                    Syntax? slop = null;
                    if (Current.Kind == TokenKind.Comma)
                    {
                        _pos++;
                        slop = ParseExpr(0);
                    }
                    Expect(TokenKind.RParen, "')'");
                    return new PhraseMatchSyntax(TextFrom(start), field.Text, query.Text, slop);
                }
            case TokenKind.RandomSample:
                {
                    _pos++;
                    Expect(TokenKind.LParen, "'('");
                    var factor = ParseExpr(0);
                    Expect(TokenKind.RParen, "')'");
                    return new RandomSampleSyntax(TextFrom(start), factor) { Depth = Deeper(factor) };
                }
            case TokenKind.SpatialBinary:
            case TokenKind.StDWithin:
            case TokenKind.StIsValid:
                {
                    _pos++;
                    Expect(TokenKind.LParen, "'('");
                    var field = Expect(TokenKind.Identifier, "Identifier");
                    var wkt = "";
                    Syntax? distance = null;
                    if (token.Kind != TokenKind.StIsValid)
                    {
                        Expect(TokenKind.Comma, "','");
                        wkt = Expect(TokenKind.StringLiteral, "StringLiteral").Text;
                        if (token.Kind == TokenKind.StDWithin)
                        {
                            Expect(TokenKind.Comma, "','");
                            distance = ParseExpr(0);
                        }
                    }
                    Expect(TokenKind.RParen, "')'");
                    return new SpatialSyntax(TextFrom(start), token.Text.ToLowerInvariant(), field.Text, wkt, distance);
                }
            case TokenKind.Iso:
                {
                    // ISO "time" op field [(+|-) INTERVAL "duration"]
                    _pos++;
                    var iso = Expect(TokenKind.StringLiteral, "StringLiteral");
                    if (Current.Kind is not (TokenKind.Lt or TokenKind.Le or TokenKind.Gt or TokenKind.Ge or TokenKind.Eq or TokenKind.Ne))
                        throw NoViable(start);
                    var op = Current.Kind;
                    _pos++;
                    var field = Expect(TokenKind.Identifier, "Identifier");
                    var (intervalOp, interval) = ParseInterval();
                    return new TimestampCompareSyntax(TextFrom(start), field.Text, op, iso.Text, intervalOp, interval, Reverse: true);
                }
        }
        throw NoViable(start);
    }

    // text_match / phrase_match open with: '(' Identifier ',' StringLiteral
    private (Token Field, Token Query) ParseMatchHead()
    {
        _pos++;
        Expect(TokenKind.LParen, "'('");
        var field = Expect(TokenKind.Identifier, "Identifier");
        Expect(TokenKind.Comma, "','");
        return (field, Expect(TokenKind.StringLiteral, "StringLiteral"));
    }

    private Syntax ParseIdentifierLed()
    {
        var start = _pos;
        var token = Current;
        _pos++;
        switch (Current.Kind)
        {
            case TokenKind.IsNull:
            case TokenKind.IsNotNull:
                {
                    var not = Current.Kind == TokenKind.IsNotNull;
                    _pos++;
                    return new IsNullSyntax(TextFrom(start), new IdentifierSyntax(token.Text), not);
                }
            case TokenKind.LParen:
                {
                    _pos++;
                    var args = new List<Syntax>();
                    if (Current.Kind != TokenKind.RParen)
                    {
                        args.Add(ParseExpr(0));
                        while (Current.Kind == TokenKind.Comma)
                        {
                            _pos++;
                            if (Current.Kind == TokenKind.RParen) break;
                            args.Add(ParseExpr(0));
                        }
                    }
                    Expect(TokenKind.RParen, "')'");
                    return new CallSyntax(TextFrom(start), token.Text, args) { Depth = Deeper([.. args]) };
                }
            case TokenKind.Add or TokenKind.Sub when Peek(1).Kind == TokenKind.Interval:
            case TokenKind.Lt or TokenKind.Le or TokenKind.Gt or TokenKind.Ge or TokenKind.Eq or TokenKind.Ne
                when Peek(1).Kind == TokenKind.Iso:
                {
                    var (intervalOp, interval) = ParseInterval();
                    var (op, iso) = ExpectComparisonThenIso();
                    return new TimestampCompareSyntax(TextFrom(start), token.Text, op, iso, intervalOp, interval, Reverse: false);
                }
        }
        return new IdentifierSyntax(token.Text);
    }

    /// <summary>An optional <c>(+|-) INTERVAL "duration"</c>: the operator and the duration literal, or nulls.</summary>
    private (TokenKind? Op, string? Literal) ParseInterval()
    {
        if (Current.Kind is not (TokenKind.Add or TokenKind.Sub) || Peek(1).Kind != TokenKind.Interval) return (null, null);
        var op = Current.Kind;
        _pos += 2;
        return (op, Expect(TokenKind.StringLiteral, "StringLiteral").Text);
    }

    private (TokenKind Op, string IsoLiteral) ExpectComparisonThenIso()
    {
        if (Current.Kind is not (TokenKind.Lt or TokenKind.Le or TokenKind.Gt or TokenKind.Ge or TokenKind.Eq or TokenKind.Ne))
            throw new FilterSyntaxException(Current.Column, $"mismatched input '{Current.Display}' expecting {{'<', '<=', '>', '>=', '==', '!='}}");
        var op = Current.Kind;
        _pos++;
        Expect(TokenKind.Iso, "ISO");
        return (op, Expect(TokenKind.StringLiteral, "StringLiteral").Text);
    }

    private FilterSyntaxException NoViable(int start)
    {
        var token = Current;
        if (token.Kind == TokenKind.Eof && _pos == start)
            return new FilterSyntaxException(token.Column, "mismatched input '<EOF>' expecting an expression");
        var seen = new StringBuilder();
        for (var k = start; k <= Math.Min(_pos, _tokens.Count - 1); k++) seen.Append(_tokens[k].Display);
        return _pos == start
            ? new FilterSyntaxException(token.Column, $"extraneous input '{token.Display}' expecting an expression")
            : new FilterSyntaxException(token.Column, $"no viable alternative at input '{seen}'");
    }
}
