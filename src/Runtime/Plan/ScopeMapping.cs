namespace ProtocolLang.Runtime.Plan;

/// <summary>Carries a variable of the run's cohort onto the subjects of a scope.</summary>
internal abstract class ScopeMapping
{
    public abstract Variable Map(Variable variable);
}
