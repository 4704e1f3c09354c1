using System.Reflection;
using System.Text;

namespace Akua.Sdk.Tests.PublicApi;

/// <summary>
/// Writes the public surface of an assembly as sorted text, one line per type and member, with
/// nullability, so that any change to it shows up as a diff of the committed baseline.
/// </summary>
internal static class PublicApiListing
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    public static string Describe(Assembly assembly)
    {
        var text = new StringBuilder();
        foreach (var type in assembly.GetExportedTypes().OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            text.AppendLine(TypeLine(type));
            foreach (var member in Members(type).Order(StringComparer.Ordinal))
            {
                text.Append("  ").AppendLine(member);
            }
        }

        return text.ToString().ReplaceLineEndings("\n");
    }

    private static string TypeLine(Type type)
    {
        var kind = type.IsEnum ? "enum" : type.IsInterface ? "interface" : type.IsValueType ? "struct" : type.IsSubclassOf(typeof(Delegate)) ? "delegate" : "class";
        var modifiers = type is { IsClass: true, IsAbstract: true, IsSealed: true } ? "static " : type.IsClass && type.IsAbstract && !type.IsInterface ? "abstract " : type.IsClass && type.IsSealed ? "sealed " : string.Empty;
        var bases = new List<string>();
        if (type.BaseType is { } baseType && baseType != typeof(object) && baseType != typeof(ValueType) && baseType != typeof(Enum))
        {
            bases.Add(Name(baseType));
        }

        bases.AddRange(type.GetInterfaces().Where(i => i.IsPublic || i.IsNestedPublic).Select(Name).Order(StringComparer.Ordinal));
        return $"{modifiers}{kind} {Name(type)}" + (bases.Count > 0 ? " : " + string.Join(", ", bases) : string.Empty);
    }

    private static IEnumerable<string> Members(Type type)
    {
        var nullability = new NullabilityInfoContext();
        foreach (var member in type.GetMembers(Declared))
        {
            switch (member)
            {
                case ConstructorInfo ctor when ctor.IsPublic || ctor.IsFamily:
                    yield return $"{Access(ctor)}ctor({Parameters(ctor, nullability)})";
                    break;
                case MethodInfo method when (method.IsPublic || method.IsFamily) && !method.IsSpecialName:
                    yield return $"{Access(method)}{Static(method)}{Virtual(method)}{Nullable(method.ReturnParameter, nullability)} {method.Name}{Generics(method)}({Parameters(method, nullability)})";
                    break;
                case MethodInfo op when (op.IsPublic) && op.IsSpecialName && op.Name.StartsWith("op_", StringComparison.Ordinal):
                    yield return $"public static {Nullable(op.ReturnParameter, nullability)} {op.Name}({Parameters(op, nullability)})";
                    break;
                case PropertyInfo property when Visible(property.GetMethod) || Visible(property.SetMethod):
                    var accessors = (Visible(property.GetMethod) ? "get; " : string.Empty) + (Visible(property.SetMethod) ? (IsInit(property.SetMethod!) ? "init; " : "set; ") : string.Empty);
                    var accessor = property.GetMethod ?? property.SetMethod!;
                    yield return $"{Access(accessor)}{Static(accessor)}{Virtual(accessor)}{Nullable(nullability.Create(property))} {property.Name}{Indexer(property, nullability)} {{ {accessors}}}";
                    break;
                case FieldInfo field when (field.IsPublic || field.IsFamily) && !field.IsSpecialName:
                    var constant = field.IsLiteral ? $" = {field.GetRawConstantValue()}" : string.Empty;
                    yield return $"{(field.IsPublic ? "public " : "protected ")}{(field.IsLiteral ? "const " : field.IsStatic ? "static " : string.Empty)}{(field.IsInitOnly ? "readonly " : string.Empty)}{Nullable(nullability.Create(field))} {field.Name}{constant}";
                    break;
                case EventInfo @event when Visible(@event.AddMethod):
                    yield return $"public event {Name(@event.EventHandlerType!)} {@event.Name}";
                    break;
                case Type nested when nested.IsNestedPublic:
                    break;
            }
        }
    }

    private static bool Visible(MethodInfo? method) => method is not null && (method.IsPublic || method.IsFamily);

    private static bool IsInit(MethodInfo setter) =>
        setter.ReturnParameter.GetRequiredCustomModifiers().Any(m => m.FullName == "System.Runtime.CompilerServices.IsExternalInit");

    private static string Access(MethodBase method) => method.IsPublic ? "public " : "protected ";

    private static string Static(MethodBase method) => method.IsStatic ? "static " : string.Empty;

    private static string Virtual(MethodInfo method) =>
        method.DeclaringType!.IsInterface ? (method.IsStatic ? "abstract " : string.Empty)
        : method.IsAbstract ? "abstract "
        : method.IsVirtual && !method.IsFinal ? (method.GetBaseDefinition() == method ? "virtual " : "override ")
        : method.IsVirtual && method.GetBaseDefinition() != method ? "override " : string.Empty;

    private static string Generics(MethodInfo method) =>
        method.IsGenericMethodDefinition ? "<" + string.Join(", ", method.GetGenericArguments().Select(a => a.Name)) + ">" : string.Empty;

    private static string Indexer(PropertyInfo property, NullabilityInfoContext nullability)
    {
        var parameters = property.GetIndexParameters();
        return parameters.Length == 0 ? string.Empty : "[" + string.Join(", ", parameters.Select(p => $"{Nullable(nullability.Create(p))} {p.Name}")) + "]";
    }

    private static string Parameters(MethodBase method, NullabilityInfoContext nullability) =>
        string.Join(", ", method.GetParameters().Select(p =>
            (p.IsOut ? "out " : p.ParameterType.IsByRef ? "ref " : string.Empty) + Nullable(nullability.Create(p)) + " " + p.Name + (p.HasDefaultValue ? " = " + (p.DefaultValue ?? (p.ParameterType.IsValueType ? "default" : "null")) : string.Empty)));

    private static string Nullable(ParameterInfo parameter, NullabilityInfoContext nullability) =>
        parameter.ParameterType == typeof(void) ? "void" : Nullable(nullability.Create(parameter));

    private static string Nullable(NullabilityInfo info)
    {
        var type = info.Type.IsByRef ? info.Type.GetElementType()! : info.Type;
        string name;
        if (info.GenericTypeArguments.Length > 0 && type.IsGenericType)
        {
            var definition = type.GetGenericTypeDefinition();
            if (definition == typeof(Nullable<>))
            {
                return Nullable(info.GenericTypeArguments[0]) + "?";
            }

            name = Plain(definition) + "<" + string.Join(", ", info.GenericTypeArguments.Select(Nullable)) + ">";
        }
        else if (info.ElementType is { } element)
        {
            name = Nullable(element) + "[]";
        }
        else
        {
            name = Name(type);
        }

        return info.ReadState == NullabilityState.Nullable && !type.IsValueType ? name + "?" : name;
    }

    private static string Name(Type type)
    {
        if (System.Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return Name(underlying) + "?";
        }

        if (type.IsArray)
        {
            return Name(type.GetElementType()!) + "[]";
        }

        if (type.IsGenericType)
        {
            return Plain(type.GetGenericTypeDefinition()) + "<" + string.Join(", ", type.GetGenericArguments().Select(Name)) + ">";
        }

        return type.IsGenericParameter ? type.Name : type.FullName ?? type.Name;
    }

    private static string Plain(Type definition)
    {
        var name = definition.FullName ?? definition.Name;
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        return tick < 0 ? name : name[..tick];
    }
}
