//! The compositional part of the training corpus: sentences built from slots, so the model sees each speech
//! act (a wish, a threat, an order, a dismissal) with many targets and outcomes, and sees the same words in
//! polite sentences too (a good wish is built like an ill wish; a request with a date like a demand).
//!
//! A rule is a class, a list of forms with `{a}` and `{b}` slots, and the fillers of each slot. The rule's
//! full product is drawn from in a fixed order (a seeded shuffle), at most [`PER_RULE`] sentences each, so
//! the generated part stays a minority of the corpus (the hand-written sentences carry the variety) and the
//! output is the same on every run. Sentences already written by hand are dropped by the caller.

use super::train::Rng;

/// Most sentences one rule contributes.
pub const PER_RULE: usize = 40;

struct Rule {
    class: usize,
    forms: &'static [&'static str],
    a: &'static [&'static str],
    b: &'static [&'static str],
}

const POLITE: usize = 0;
const INSULT: usize = 1;
const THREAT: usize = 3;
const ILL_WISH: usize = 4;
const DISMISSAL: usize = 5;
const SARCASM: usize = 6;
const BLAME: usize = 7;
const DEMAND: usize = 8;

const FR_GOOD: &[&str] = &[
    "vraiment gentils",
    "des gens de coeur",
    "une équipe exceptionnelle",
    "des pros",
    "très compétents",
    "brillants",
    "généreux de votre temps",
    "chaleureux",
    "patients",
    "respectueux",
    "une belle gang",
    "attentionnés",
    "inspirants",
    "d'une grande écoute",
    "efficaces",
    "honnêtes",
    "des modèles",
    "formidables",
    "une équipe du tonnerre",
    "super sympathiques",
];

const EN_GOOD: &[&str] = &[
    "really kind",
    "good people",
    "an exceptional team",
    "pros",
    "very competent",
    "brilliant",
    "generous with your time",
    "warm",
    "patient",
    "respectful",
    "a great bunch",
    "thoughtful",
    "inspiring",
    "great listeners",
    "efficient",
    "honest",
    "role models",
    "wonderful",
    "a class act",
    "super friendly",
];

const FR_VOUS: &[&str] = &["vous", "toute votre équipe", "vous et votre comité", "vous tous"];
const FR_IL: &[&str] = &[
    "votre entreprise",
    "le recruteur",
    "votre recruteuse",
    "la personne que vous avez choisie",
    "votre service RH",
    "votre compagnie",
    "le gestionnaire",
    "votre boîte",
    "le nouvel employé",
    "votre panel",
];
const FR_DATES: &[&str] = &[
    "vendredi",
    "demain midi",
    "la fin de la semaine",
    "lundi prochain",
    "le 15",
    "jeudi 17 h",
    "la fin du mois",
    "mardi",
];

const FR: &[Rule] = &[
    Rule {
        class: ILL_WISH,
        forms: &[
            "J'espère que {a} {b}",
            "j'espere que {a} {b}",
            "Je souhaite que {a} {b}",
            "Que {a} {b}",
            "Puisse {a} {b}",
            "Avec un peu de chance, {a} {b}",
        ],
        a: FR_IL,
        b: &[
            "fasse faillite",
            "ferme ses portes bientôt",
            "se plante royalement",
            "perde tous ses clients",
            "regrette ce choix toute sa vie",
            "se fasse mettre à la porte",
            "coule d'ici un an",
            "vive la même chose un jour",
            "se retrouve au chômage",
            "paie pour ça",
        ],
    },
    Rule {
        class: ILL_WISH,
        forms: &["J'espère que {a} {b}", "Je souhaite que {a} {b}", "Que {a} {b}", "jespere que {a} {b}"],
        a: FR_VOUS,
        b: &[
            "fassiez faillite",
            "perdiez votre job à votre tour",
            "regrettiez ce choix longtemps",
            "viviez la même humiliation",
            "ne trouviez jamais personne de compétent",
            "vous plantiez solide",
            "payiez pour ce que vous faites subir aux gens",
            "soyez tous congédiés",
        ],
    },
    Rule {
        class: ILL_WISH,
        forms: &["Je vous souhaite {b}", "Je souhaite à {a} {b}", "Bonne chance avec {a}, je lui souhaite {b}"],
        a: &["votre nouvel employé", "votre compagnie", "votre équipe", "la personne choisie", "votre boss"],
        b: &[
            "de couler",
            "plein de malheurs",
            "de tout perdre",
            "une faillite rapide",
            "de vivre un rejet pareil",
            "le pire",
            "de se planter",
            "une belle dépression",
        ],
    },
    Rule {
        class: POLITE,
        forms: &[
            "J'espère que {a} {b}",
            "Je souhaite que {a} {b}",
            "Je souhaite à {a} {b}",
            "J'espère sincèrement que {a} {b}",
        ],
        a: FR_IL,
        b: &[
            "trouvera la perle rare",
            "aura beaucoup de succès",
            "s'épanouira dans ce poste",
            "connaîtra une belle année",
            "réussira ce projet",
            "pourra compter sur une belle équipe",
            "bonne continuation",
            "du succès dans ses projets",
        ],
    },
    Rule {
        class: POLITE,
        forms: &["Je vous souhaite {b}", "Je vous souhaite sincèrement {b}", "Je souhaite à {a} {b}"],
        a: &["toute l'équipe", "votre nouvelle recrue", "la personne retenue", "votre entreprise"],
        b: &[
            "une excellente fin de semaine",
            "beaucoup de succès",
            "bonne chance pour la suite",
            "une belle continuation",
            "plein de réussite dans ce projet",
            "une bonne année",
        ],
    },
    Rule {
        class: THREAT,
        forms: &["{a} {b}", "Croyez-moi, {a} {b}", "Soyez certains que {a} {b}"],
        a: &[
            "je vais",
            "je vais m'assurer de",
            "j'ai bien l'intention de",
            "je compte",
            "je ne vais pas me gêner pour",
        ],
        b: &[
            "parler de vous à tout mon réseau",
            "laisser un avis sur Glassdoor que vous n'oublierez pas",
            "écrire à votre patron",
            "porter plainte contre vous",
            "raconter tout ça sur LinkedIn",
            "détruire votre réputation",
            "prévenir tous les candidats",
            "faire connaître vos méthodes à toute l'industrie",
        ],
    },
    Rule {
        class: THREAT,
        forms: &["{a} {b}", "Attendez-vous à ce que {a} {b}"],
        a: &["Vous allez", "Votre entreprise va", "Vous n'avez pas fini d'", "Votre recruteur va"],
        b: &[
            "entendre parler de moi",
            "le regretter",
            "avoir des nouvelles de mon avocat",
            "voir de quoi je suis capable",
            "payer pour ça",
            "recevoir une mise en demeure",
        ],
    },
    Rule {
        class: INSULT,
        forms: &["{a} {b}", "Franchement, {a} {b}", "{a} vraiment {b}"],
        a: &["vous êtes", "votre recruteur est", "votre gestionnaire est", "ton recruteur est", "t'es", "vous etes"],
        b: &[
            "un clown",
            "une bande d'amateurs",
            "un incompétent fini",
            "un beau cave",
            "un pas bon",
            "un épais",
            "nul à chier",
            "une joke",
            "un deux de pique",
            "bouché",
            "un zéro",
            "un imbécile",
        ],
    },
    Rule {
        class: DISMISSAL,
        forms: &["{a} {b}", "{a}, {b}"],
        a: &["Ne me contactez plus", "Oubliez-moi", "Laissez-moi tranquille", "Fichez-moi la paix", "Effacez mon nom"],
        b: &[
            "jamais",
            "merci",
            "c'est assez",
            "je ne veux plus rien savoir de vous",
            "c'est fini entre nous",
            "ne m'écrivez plus",
            "rayez-moi de vos listes",
        ],
    },
    Rule {
        class: DEMAND,
        forms: &["{a} d'ici {b}", "{a} avant {b}", "{a}, et ce avant {b}"],
        a: &[
            "J'exige une réponse",
            "Je veux une explication",
            "Envoyez-moi mes résultats",
            "J'attends vos excuses",
            "Donnez-moi le nom de la personne choisie",
            "Je veux mon évaluation écrite",
            "Rappelez-moi",
        ],
        b: FR_DATES,
    },
    Rule {
        class: POLITE,
        forms: &["{a} d'ici {b} ?", "{a} avant {b}, si c'est possible.", "{a} d'ici {b}, si vous avez un moment."],
        a: &[
            "Serait-il possible d'avoir un retour",
            "Pourriez-vous me faire part de vos commentaires",
            "Auriez-vous quelques minutes pour en discuter",
            "Pourrais-je recevoir quelques conseils",
            "Seriez-vous disponible pour un court appel",
            "Me serait-il possible d'obtenir une rétroaction",
        ],
        b: FR_DATES,
    },
    Rule {
        class: SARCASM,
        forms: &["{a} {b}", "{a} pour {b}"],
        a: &["Merci infiniment", "Bravo", "Félicitations", "Quel plaisir", "Chapeau", "Un gros merci"],
        b: &[
            "de m'avoir ghosté pendant trois semaines",
            "d'avoir perdu mon dossier",
            "pour ce processus si bien organisé, vraiment",
            "d'avoir annulé l'entrevue à la dernière minute",
            "pour cette réponse automatique après cinq entrevues",
            "d'avoir gaspillé mon temps",
            "à votre recruteur qui ne lit pas les CV",
        ],
    },
    Rule {
        class: BLAME,
        forms: &["{a} {b}", "C'est de votre faute : {a} {b}"],
        a: &["Vous avez", "Votre recruteur a", "Votre équipe a", "Votre processus a"],
        b: &[
            "complètement bâclé l'entrevue",
            "perdu mon dossier",
            "mal lu mon CV",
            "posé des questions qui n'avaient rien à voir",
            "tout fait de travers",
            "été incapable de respecter un horaire",
        ],
    },
    Rule {
        class: POLITE,
        forms: &["{a} {b},", "{a} {b}, merci pour votre message.", "{a} {b}, j'espère que vous allez bien."],
        a: &["Bonjour", "Bonjour Madame", "Bonjour Monsieur", "Bonsoir", "Allô", "Chère Madame", "Cher Monsieur"],
        b: &[
            "Couillard",
            "Lacrisse",
            "Connard",
            "Baisé",
            "Salaud",
            "Merdassi",
            "Bitton",
            "Cocu",
            "Pétasse",
            "Lamerde",
            "Tabarès",
            "Sacrée",
            "Hostiou",
            "Câlixte",
            "Putin",
            "Lecon",
        ],
    },
    Rule {
        class: POLITE,
        forms: &["Objet : {a} – {b}", "Re : {a} pour le poste de {b}", "Objet : {a}, {b}"],
        a: &["Suivi de candidature", "Remerciements", "Demande de rétroaction", "Suite à l'entrevue", "Candidature"],
        b: &[
            "analyste chez DESJARDINS",
            "commis à la BANQUE LAURENTIENNE",
            "développeur chez CGI",
            "technicienne chez VIDÉOTRON",
            "comptable chez SAPUTO",
            "agent au CHUM",
            "gestionnaire chez BELL",
        ],
    },
    Rule {
        class: POLITE,
        forms: &["{a} {b}.", "Avant cela, {a} {b}.", "{a} {b} pendant quatre ans."],
        a: &["J'ai travaillé", "J'ai fait un stage", "J'ai été bénévole", "J'ai enseigné", "J'ai étudié"],
        b: &[
            "chez Couche-Tard",
            "à Saint-Hyacinthe",
            "au Cap-de-la-Madeleine",
            "à la Caisse populaire de Crisse-Côte",
            "dans un cabinet à Chicoutimi",
            "à l'Université Laval",
            "chez Canadian Tire",
            "à Trois-Pistoles",
        ],
    },
    Rule {
        class: POLITE,
        forms: &["{a} {b}.", "Franchement, {a} {b}.", "{a} vraiment {b}!"],
        a: &["vous êtes", "votre équipe est", "votre recruteuse est", "le processus était", "vous avez été"],
        b: &[
            "très professionnels",
            "d'une grande gentillesse",
            "inspirants",
            "accueillants",
            "clairs et transparents",
            "rigoureux",
            "humains",
            "à l'écoute",
        ],
    },
    Rule {
        class: POLITE,
        forms: &["Je vais {a} {b}.", "Je vais m'assurer de {a} {b}.", "J'ai l'intention de {a} {b}."],
        a: &["relire", "mettre à jour", "surveiller", "parler en bien de", "recommander", "partager"],
        b: &[
            "vos offres d'emploi",
            "mon profil LinkedIn",
            "votre entreprise à mon réseau",
            "votre balado",
            "mon portfolio",
            "vos prochaines publications",
        ],
    },
    Rule {
        class: POLITE,
        forms: &["{a} {b}", "{a} pour {b}", "{a} {b}, sincèrement."],
        a: &["Merci infiniment", "Bravo", "Félicitations", "Un grand merci", "Merci beaucoup", "Wow, merci"],
        b: &[
            "pour ce processus si bien organisé",
            "de m'avoir rappelé aussi vite",
            "pour votre rétroaction détaillée",
            "d'avoir pris le temps de m'expliquer votre décision",
            "pour l'accueil chaleureux lors de l'entrevue",
            "à votre recruteuse, qui a été formidable",
            "pour la belle visite des bureaux",
            "pour vos conseils sur mon portfolio",
        ],
    },
    Rule {
        class: POLITE,
        forms: &["{a} {b}.", "{a} {b}, au plaisir."],
        a: &["J'attends", "J'attends avec plaisir", "J'attendrai", "Je guette", "J'ai hâte de recevoir"],
        b: &[
            "de vos nouvelles",
            "votre retour",
            "la suite",
            "votre appel avec intérêt",
            "votre réponse, sans aucune urgence",
            "la prochaine offre",
        ],
    },
    Rule {
        class: THREAT,
        forms: &["{a} {b}.", "{a} {b}, je vous le garantis.", "{a} {b}, vous allez voir."],
        a: &[
            "Tout le monde va savoir",
            "Je vais raconter à toute la ville",
            "Mes abonnés vont apprendre",
            "Votre PDG va découvrir",
            "Les journalistes vont savoir",
            "Tout LinkedIn va voir",
        ],
        b: &[
            "comment vous traitez les candidats",
            "ce que votre recruteur m'a fait",
            "à quel point votre processus est pourri",
            "ce qui se passe chez vous",
            "le nom de votre recruteuse",
        ],
    },
    Rule {
        class: ILL_WISH,
        forms: &["J'ai hâte de voir {a} {b}.", "Vivement que {a} {b}.", "Ça me ferait plaisir de voir {a} {b}."],
        a: &["votre compagnie", "votre boîte", "votre recruteur", "votre équipe", "votre PDG"],
        b: &["s'écrouler", "tout perdre", "couler", "se faire mettre dehors", "ramper", "fermer boutique"],
    },
    Rule {
        class: DISMISSAL,
        forms: &["{a} {b}.", "{a} {b}, c'est fini."],
        a: &["Jetez", "Effacez", "Détruisez", "Oubliez", "Déchirez"],
        b: &["mon CV", "mon dossier", "mon numéro", "mon adresse courriel", "toute trace de moi"],
    },
    Rule {
        class: POLITE,
        forms: &["{a} {b}.", "{a} {b}, merci!", "Honnêtement, {a} {b}."],
        a: &["Vous êtes", "Vous avez été", "Toute l'équipe est", "Votre comité a été"],
        b: FR_GOOD,
    },
    Rule {
        class: POLITE,
        forms: &["{a} {b}.", "Franchement, {a} {b}.", "{a} {b}, ça se voit."],
        a: &["Votre recruteuse est", "Votre gestionnaire est", "Votre équipe est", "Le comité était"],
        b: FR_GOOD,
    },
    Rule {
        class: POLITE,
        forms: &["{a} {b}.", "{a} {b}, au contraire.", "Soyez sans crainte : {a} {b}."],
        a: &[
            "Vous n'avez rien fait",
            "Votre équipe n'a rien fait",
            "Personne n'a rien fait",
            "Vous n'avez commis aucune erreur",
        ],
        b: &["de mal", "de travers", "d'injuste", "qui mérite un reproche", "de déplacé"],
    },
];

const EN_YOU: &[&str] = &["you", "you all", "your whole team", "you and your panel"];
const EN_IT: &[&str] = &[
    "your company",
    "the recruiter",
    "your HR team",
    "the person you hired",
    "your startup",
    "the hiring manager",
    "the new hire",
    "your firm",
    "the panel",
];
const EN_DATES: &[&str] =
    &["Friday", "tomorrow noon", "end of day", "next Monday", "the 15th", "Thursday 5pm", "the end of the week"];

const EN: &[Rule] = &[
    Rule {
        class: ILL_WISH,
        forms: &["I hope {a} {b}", "i hope {a} {b}", "Here's hoping {a} {b}", "May {a} {b}", "I wish {a} {b}"],
        a: EN_IT,
        b: &[
            "goes bankrupt",
            "loses every client",
            "fails miserably",
            "gets what it deserves",
            "gets fired",
            "regrets this forever",
            "ends up unemployed",
            "crashes and burns",
            "goes under within a year",
        ],
    },
    Rule {
        class: ILL_WISH,
        forms: &["I hope {a} {b}", "I hope {a} all {b}", "Karma will make sure {a} {b}", "I truly hope {a} {b}"],
        a: EN_YOU,
        b: &[
            "lose your jobs",
            "go bankrupt",
            "get what you deserve",
            "get laid off next",
            "feel this one day",
            "never find anyone good",
            "rot",
            "choke on it",
        ],
    },
    Rule {
        class: POLITE,
        forms: &["I hope {a} {b}", "I wish {a} {b}", "I truly hope {a} {b}", "Here's hoping {a} {b}"],
        a: EN_IT,
        b: &[
            "finds a great fit",
            "has a wonderful year",
            "does well",
            "succeeds with the launch",
            "the best",
            "gets the support it needs",
            "thrives",
            "all the best",
        ],
    },
    Rule {
        class: POLITE,
        forms: &["I wish you {b}", "Wishing {a} {b}", "I hope {a} {b}"],
        a: &["you", "the team", "everyone there", "the new hire"],
        b: &[
            "all the best",
            "a great weekend",
            "every success",
            "the best of luck with the project",
            "a smooth launch",
            "have a great week",
        ],
    },
    Rule {
        class: THREAT,
        forms: &["{a} {b}", "Believe me, {a} {b}", "Trust me, {a} {b}"],
        a: &["I'll", "I will make sure to", "I'm going to", "I fully intend to", "I won't hesitate to"],
        b: &[
            "tell my whole network about you",
            "leave a Glassdoor review you won't forget",
            "write to your boss",
            "file a complaint against you",
            "post about this on LinkedIn",
            "ruin your reputation",
            "warn every candidate I know",
            "let the whole industry know how you operate",
        ],
    },
    Rule {
        class: THREAT,
        forms: &["{a} {b}", "Mark my words, {a} {b}"],
        a: &["You will", "You're going to", "Your company will", "You'll"],
        b: &[
            "hear from my lawyer",
            "regret this",
            "pay for this",
            "see what I'm capable of",
            "hear from me again, and not in a good way",
            "wish you had hired me",
        ],
    },
    Rule {
        class: INSULT,
        forms: &["{a} {b}", "Honestly, {a} {b}", "{a} such {b}"],
        a: &["you are", "your recruiter is", "the hiring manager is", "you're", "ur", "your team is"],
        b: &[
            "a clown",
            "a bunch of amateurs",
            "a tool",
            "an incompetent fool",
            "a joke",
            "a waste of oxygen",
            "clueless",
            "an idoit",
            "brain dead",
            "a total loser",
            "pathetic",
            "a fraud",
        ],
    },
    Rule {
        class: DISMISSAL,
        forms: &["{a}. {b}", "{a}, {b}", "{a}"],
        a: &[
            "Never contact me again",
            "Don't ever write to me again",
            "Remove me from your lists",
            "Lose my number",
            "Leave me alone",
            "Delete my file",
        ],
        b: &["I'm done with you", "we're done", "I want nothing to do with you", "don't bother", "goodbye forever"],
    },
    Rule {
        class: DEMAND,
        forms: &["{a} by {b}", "{a} before {b}", "{a}, no later than {b}"],
        a: &[
            "I demand an answer",
            "I require a written explanation",
            "Send me my scores",
            "I expect an apology",
            "Give me the name of who you hired",
            "Call me back",
            "I want my feedback in writing",
        ],
        b: EN_DATES,
    },
    Rule {
        class: POLITE,
        forms: &["{a} by {b}?", "{a} before {b}, if possible.", "{a} by {b}, whenever convenient."],
        a: &[
            "Would it be possible to get some feedback",
            "Could you share any comments",
            "Would you have a few minutes to talk",
            "Could I get a few pointers",
            "Might you be free for a short call",
            "Would you be open to a quick chat",
        ],
        b: EN_DATES,
    },
    Rule {
        class: SARCASM,
        forms: &["{a} {b}", "{a} for {b}"],
        a: &["Thanks so much", "Bravo", "Congratulations", "What a pleasure", "Well done", "Great job"],
        b: &[
            "ghosting me for three weeks",
            "losing my application",
            "such a well organised process, really",
            "cancelling the interview at the last minute",
            "an automated reply after five rounds",
            "wasting my time",
            "a recruiter who can't read a resume",
        ],
    },
    Rule {
        class: BLAME,
        forms: &["{a} {b}", "This is on you: {a} {b}"],
        a: &["You", "Your recruiter", "Your team", "Your process"],
        b: &[
            "botched the interview",
            "lost my file",
            "misread my resume",
            "asked questions that had nothing to do with the job",
            "got everything wrong",
            "couldn't keep to a schedule",
        ],
    },
    Rule {
        class: POLITE,
        forms: &["{a} {b},", "{a} {b}, thanks for your note.", "{a} {b}, I hope you're well."],
        a: &["Hi", "Hello", "Dear", "Good morning", "Hey", "Dear Mr.", "Dear Ms.", "Hello Dr."],
        b: &[
            "Dick", "Cockburn", "Hancock", "Butts", "Wankel", "Shitole", "Dickens", "Assman", "Fuchs", "Bitchell",
            "Pussey", "Cummings", "Randy", "Hooker", "Weiner", "Bastardo",
        ],
    },
    Rule {
        class: POLITE,
        forms: &["Subject: {a} – {b}", "Re: {a} for the {b} role", "Subject: {a}, {b}"],
        a: &["Follow-up on my application", "Thank you", "Feedback request", "After our interview", "Application"],
        b: &[
            "Analyst at DELOITTE",
            "Teller at WELLS FARGO",
            "Developer at IBM",
            "Technician at SIEMENS",
            "Accountant at KPMG",
            "Nurse at MOUNT SINAI",
            "Manager at SHELL",
        ],
    },
    Rule {
        class: POLITE,
        forms: &["{a} {b}.", "Before that, {a} {b}.", "{a} {b} for four years."],
        a: &["I worked", "I interned", "I volunteered", "I taught", "I studied"],
        b: &[
            "at Hooters",
            "in Scunthorpe",
            "in Penistone",
            "at a firm in Essex",
            "at Dickinson College",
            "at Cockburn Engineering",
            "in Middlesex",
            "at Shell",
        ],
    },
    Rule {
        class: POLITE,
        forms: &["{a} {b}.", "Honestly, {a} {b}.", "{a} really {b}!"],
        a: &["you are", "your team is", "your recruiter is", "the process was", "you've been"],
        b: &[
            "very professional",
            "incredibly kind",
            "inspiring",
            "welcoming",
            "clear and transparent",
            "thorough",
            "humane",
            "a great listener",
        ],
    },
    Rule {
        class: POLITE,
        forms: &["I'll {a} {b}.", "I'll make sure to {a} {b}.", "I plan to {a} {b}."],
        a: &["reread", "update", "keep an eye on", "speak well of", "recommend", "share"],
        b: &[
            "your job postings",
            "my LinkedIn profile",
            "your company with my network",
            "your podcast",
            "my portfolio",
            "your next posts",
        ],
    },
    Rule {
        class: POLITE,
        forms: &["{a} {b}", "{a} for {b}", "{a} {b}, sincerely."],
        a: &["Thanks so much", "Bravo", "Congratulations", "A big thank you", "Many thanks", "Wow, thank you"],
        b: &[
            "for such a well organised process",
            "for calling me back so quickly",
            "for the detailed feedback",
            "for taking the time to explain your decision",
            "for the warm welcome at the interview",
            "to your recruiter, who was wonderful",
            "for the lovely office tour",
            "for the advice on my portfolio",
        ],
    },
    Rule {
        class: POLITE,
        forms: &["{a} {b}.", "{a} {b}, cheers."],
        a: &["I look forward to", "I'm looking forward to", "I'll look forward to", "I await", "I can't wait for"],
        b: &[
            "hearing from you",
            "your reply",
            "the next steps",
            "your call",
            "your answer, no rush at all",
            "the next opening",
        ],
    },
    Rule {
        class: THREAT,
        forms: &["{a} {b}.", "{a} {b}, I guarantee it.", "{a} {b}, just watch."],
        a: &[
            "Everyone will know",
            "I'll tell the whole city",
            "My followers will find out",
            "Your CEO will find out",
            "The press will know",
            "All of LinkedIn will see",
        ],
        b: &[
            "how you treat candidates",
            "what your recruiter did to me",
            "how rotten your process is",
            "what goes on at your company",
            "your recruiter's name",
        ],
    },
    Rule {
        class: ILL_WISH,
        forms: &["I can't wait to see {a} {b}.", "Bring on the day {a} {b}s.", "I'd love to watch {a} {b}."],
        a: &["your company", "your startup", "your recruiter", "your team", "your CEO"],
        b: &["collapse", "lose everything", "sink", "get kicked out", "crawl", "fold"],
    },
    Rule {
        class: DISMISSAL,
        forms: &["{a} {b}.", "{a} {b}, we're done."],
        a: &["Bin", "Delete", "Shred", "Forget", "Trash"],
        b: &["my resume", "my file", "my number", "my email address", "every trace of me"],
    },
    Rule {
        class: POLITE,
        forms: &["{a} {b}.", "{a} {b}, thank you!", "Honestly, {a} {b}."],
        a: &["You're", "You've been", "The whole team is", "Your panel was"],
        b: EN_GOOD,
    },
    Rule {
        class: POLITE,
        forms: &["{a} {b}.", "Truly, {a} {b}.", "{a} {b}, it shows."],
        a: &["Your recruiter is", "Your manager is", "Your team is", "The panel was"],
        b: EN_GOOD,
    },
    Rule {
        class: POLITE,
        forms: &["{a} {b}.", "{a} {b}, quite the opposite.", "Don't worry: {a} {b}."],
        a: &["You did nothing", "Your team did nothing", "Nobody did anything", "You made no mistake that was"],
        b: &["wrong", "unfair", "out of line", "worth blaming", "inappropriate"],
    },
];

/// The generated sentences of a language with their class index, in a fixed order.
pub fn sentences(lang: &str) -> Vec<(String, usize)> {
    let rules = if lang == "fr" { FR } else { EN };
    let mut rng = Rng::new(0x70_6e_65);
    let mut out = Vec::new();
    for r in rules {
        let mut all = Vec::new();
        for f in r.forms {
            for a in r.a {
                for b in r.b {
                    all.push(f.replace("{a}", a).replace("{b}", b));
                }
            }
        }
        rng.shuffle(&mut all);
        out.extend(all.into_iter().take(PER_RULE).map(|s| (capitalise(&s), r.class)));
    }
    out
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}
