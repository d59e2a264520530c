using Sluice.Engine.Config;
using Sluice.Engine.Config.Schema;

namespace Sluice.Engine.Templates;

/// <summary>One property() or constant() of a list template, its parameters bound with <see cref="ListTemplateParams"/>.</summary>
public sealed record ListTemplateEntry(bool IsConstant, ParamSet Params, SourceLocation Location);
