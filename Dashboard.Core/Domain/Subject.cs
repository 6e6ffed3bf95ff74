namespace Dashboard.Core.Domain;

/// <summary>What is tested ("Excel", "Python"). Subjects are the platform's catalogue, shared by accounts.</summary>
public sealed class Subject
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public ScoreScale Scale { get; set; }

    /// <summary>Score a certification must reach to be validated, on the subject's scale.</summary>
    public double CertificationThreshold { get; set; }

    /// <summary>Adaptive subjects pick items by difficulty and estimate ability after each answer.</summary>
    public bool IsAdaptive { get; set; }

    public int QuestionsPerTest { get; set; }
    public int DurationMinutes { get; set; }
    public List<Skill> Skills { get; set; } = [];
    public List<Question> Questions { get; set; } = [];
}

public sealed class Skill
{
    public int Id { get; set; }
    public int SubjectId { get; set; }
    public required string Name { get; set; }
    public int Order { get; set; }
}

public sealed class Question
{
    public int Id { get; set; }
    public int SubjectId { get; set; }
    public int SkillId { get; set; }
    public Skill? Skill { get; set; }
    public int Order { get; set; }
    public QuestionKind Kind { get; set; }
    public required string Text { get; set; }

    /// <summary>Choices separated by '|' for choice questions; null otherwise.</summary>
    public string? Choices { get; set; }

    /// <summary>The expected answer (choice text, '|'-separated set, or number); null for manually graded questions.</summary>
    public string? CorrectAnswer { get; set; }

    public double MaxPoints { get; set; } = 1;

    /// <summary>Rasch difficulty on the logit scale (adaptive subjects).</summary>
    public double Difficulty { get; set; }

    public bool ManuallyGraded => Kind is QuestionKind.Essay or QuestionKind.Code;
}
