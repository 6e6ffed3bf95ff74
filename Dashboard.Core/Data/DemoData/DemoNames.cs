namespace Dashboard.Core.Data.DemoData;

/// <summary>Realistic French, English and European names, with accents, hyphens and apostrophes.</summary>
internal static class DemoNames
{
    public static readonly string[] FrenchFirst =
    [
        "Benoît", "Hélène", "Zoé", "François", "Marie-Claire", "Jean-Baptiste", "Élodie", "Chloé", "Noémie", "Mathéo",
        "Léa", "Inès", "Gaëlle", "Jérôme", "Céline", "Sébastien", "Anaïs", "Loïc", "Maël", "Aurélie", "Thibault",
        "Camille", "Hugo", "Julien", "Manon", "Nathalie", "Stéphane", "Amélie", "Raphaël", "Océane", "Anne", "Pierre",
        "Émile", "Joël", "Françoise", "Jean-Luc", "Anne-Sophie", "Clément", "Béatrice", "Gérard",
    ];

    public static readonly string[] EnglishFirst =
    [
        "James", "Olivia", "William", "Emily", "Oliver", "Charlotte", "George", "Amelia", "Harry", "Sophie", "Jack",
        "Grace", "Thomas", "Chloe", "Daniel", "Ella", "Samuel", "Isla", "Joseph", "Mia", "Mary", "Siobhán", "Niamh",
    ];

    public static readonly string[] OtherFirst =
    [
        "Łukasz", "Søren", "Ingrid", "Mehdi", "Yasmine", "Karim", "Aïcha", "Björn", "José", "Ana", "Giulia", "Matteo",
        "Wei", "Priya", "Agnieszka", "Zoë", "Dário", "Małgorzata",
    ];

    public static readonly string[] FrenchLast =
    [
        "Lefèvre", "Dupont", "Martin", "Bernard", "Dubois", "Durand", "Leroy", "Moreau", "Laurent", "Lefebvre",
        "Girard", "Bonnet", "Mercier", "Lambert", "Faure", "Rousseau", "Fontaine", "Chevalier", "Gauthier", "Perrin",
        "Morel", "Garnier", "Boyer", "Roussel", "Brunet", "Hébert", "Lemaître", "Ménard", "Benoît", "Dupont-Moreau",
        "Le Goff", "Duval-Chauvin", "Château", "Prévost", "Bézier", "Crépin", "Noël", "Lacroix",
    ];

    public static readonly string[] EnglishLast =
    [
        "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Robinson", "Wright",
        "Thompson", "Evans", "Walker", "White", "Roberts", "O'Brien", "O'Connor", "McAllister", "Fitzgerald", "D'Angelo",
    ];

    public static readonly string[] OtherLast =
    [
        "Ødegård", "Kowalski", "Wiśniewska", "Nowak", "Müller", "Schäfer", "Jørgensen", "García", "Núñez", "Rossi",
        "Bianchi", "Ferreira", "Çelik", "Yılmaz", "Nguyễn", "Chen", "Haddad", "Benali", "Østergaard", "Åkesson",
    ];

    public static string Pick(Random random, string[] names) => names[random.Next(names.Length)];

    /// <summary>Mostly local names (by language) with a share of international ones.</summary>
    public static (string First, string Last) Person(Random random, string language)
    {
        var roll = random.NextDouble();
        var first = roll < 0.12 ? Pick(random, OtherFirst) : Pick(random, language == "fr" ? FrenchFirst : EnglishFirst);
        roll = random.NextDouble();
        var last = roll < 0.12 ? Pick(random, OtherLast) : Pick(random, language == "fr" ? FrenchLast : EnglishLast);
        return (first, last);
    }

    /// <summary>An email local part: "marie-claire.dupont-moreau" (accents folded, apostrophes and spaces dropped).</summary>
    public static string EmailLocalPart(string first, string last) =>
        $"{Ascii(first)}.{Ascii(last)}";

    private static string Ascii(string name)
    {
        var folded = Results.TextFold.Fold(name)
            .Replace("ø", "o", StringComparison.Ordinal).Replace("ł", "l", StringComparison.Ordinal)
            .Replace("ı", "i", StringComparison.Ordinal).Replace("æ", "ae", StringComparison.Ordinal);
        return new string(folded.Where(c => char.IsAsciiLetterOrDigit(c) || c == '-').ToArray());
    }
}
