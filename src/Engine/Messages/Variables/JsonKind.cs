namespace Sluice.Engine.Messages.Variables;

/// <summary>The JSON types libfastjson keeps in rsyslog's variable trees.</summary>
public enum JsonKind : byte
{
    /// <summary>
    /// A JSON null. libfastjson represents it as a NULL object pointer, so rsyslog treats it as absent everywhere
    /// (exists() is 0, the value reads as "") except when the tree is rendered, where it prints <c>null</c>.
    /// </summary>
    Null,
    Boolean,
    Integer,
    Double,
    String,
    Object,
    Array,
}
