using Milvus.Local.Errors;

namespace Milvus.Local.Security;

// Milvus 3.0 descriptions of users and roles: set at create, changed by UpdateCredential (users) and AlterRole (roles).
internal sealed partial class RbacCatalog
{
    /// <summary>Milvus 3.0 refuses descriptions longer than this (proxy credential checks: 1025 characters fail).</summary>
    public const int MaxDescriptionLength = 1024;

    private RbacDescriptionStore? _descriptionStore;
    private Dictionary<(string Kind, string Name), string>? _descriptions;

    private RbacDescriptionStore DescriptionStore => _descriptionStore ??= new RbacDescriptionStore(_core.Store);

    private Dictionary<(string Kind, string Name), string> Descriptions => _descriptions ??= DescriptionStore.Load();

    public string UserDescription(string user) => Descriptions.GetValueOrDefault((RbacDescriptionStore.User, user), "");

    public string RoleDescription(string role) => Descriptions.GetValueOrDefault((RbacDescriptionStore.Role, role), "");

    public static void ValidateDescription(string description)
    {
        if (description.Length > MaxDescriptionLength)
            throw MilvusError.InvalidParameter($"the length of description must be less than or equal to {MaxDescriptionLength} characters");
    }

    public void SetUserDescription(string user, string description)
    {
        if (!_users.ContainsKey(user)) throw RbacErrors.Plain("not found the user, maybe the user isn't existed or internal system error");
        SetDescription(RbacDescriptionStore.User, user, description);
    }

    /// <summary>AlterRole (Milvus 3.0): changes an existing role's description.</summary>
    public void AlterRole(string role, string description)
    {
        RbacNames.RoleName(role);
        ValidateDescription(description);
        if (!_roles.Contains(role)) throw RbacErrors.Invalid(RoleNotFound);
        SetDescription(RbacDescriptionStore.Role, role, description);
    }

    public void SetRoleDescription(string role, string description) => SetDescription(RbacDescriptionStore.Role, role, description);

    /// <summary>A dropped user or role takes its description with it.</summary>
    public void ForgetDescription(string kind, string name)
    {
        if (!Descriptions.ContainsKey((kind, name))) return;
        var store = DescriptionStore; // created outside the transaction (its constructor runs DDL)
        Persist(tx => store.Delete(kind, name, tx));
        Descriptions.Remove((kind, name));
    }

    private void SetDescription(string kind, string name, string description)
    {
        ValidateDescription(description);
        var descriptions = Descriptions; // loads the table outside the transaction
        var store = DescriptionStore;
        Persist(tx => store.Save(kind, name, description, tx));
        descriptions[(kind, name)] = description;
    }
}
