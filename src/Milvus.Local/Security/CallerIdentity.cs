namespace Milvus.Local.Security;

/// <summary>Who made a call, once authenticated. Never carries the password.</summary>
internal sealed record CallerIdentity(string User)
{
    public bool IsRoot => User == RbacCatalog.Root;

    public override string ToString() => User;
}
