"""What demo enterprises do: activity, codes and invented names, per language."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Archetype:
    key: str
    nace: tuple[str, ...]
    cpv: tuple[str, ...]
    impacts: tuple[str, ...]
    beneficiaries: tuple[str, ...]
    offering_ro: str
    offering_uk: str
    offering_en: str
    names_ro: tuple[str, ...]
    names_uk: tuple[str, ...]
    description_ro: str
    description_uk: str
    description_en: str
    unit: str = "orders"


ARCHETYPES: tuple[Archetype, ...] = (
    Archetype("catering", ("56.21", "56.10"), ("55520000", "55500000"), ("work_integration", "social_inclusion"),
              ("long_term_unemployed", "youth_neet"), "Catering pentru evenimente", "Кейтеринг для подій",
              "Event catering", ("Bucătăria Solidară", "Masa Bună", "Gustul Împreună", "Cantina Speranța"),
              ("Соціальна кухня «Разом»", "Кейтеринг «Добрий смак»", "Їдальня «Надія»"),
              "Catering și prânzuri gătite de oameni care își reiau drumul spre un loc de muncă.",
              "Кейтеринг і обіди, які готують люди, що повертаються до роботи.",
              "Catering and lunches cooked by people returning to work.", "meals"),
    Archetype("bakery", ("10.71",), ("15810000", "15800000"), ("work_integration", "food_security"),
              ("people_with_disabilities", "youth_neet"), "Pâine și patiserie", "Хліб і випічка",
              "Bread and pastries", ("Brutăria Bunătății", "Brutăria Pâinea Caldă", "Cuptorul Speranței"),
              ("Пекарня «Добро»", "Пекарня «Теплий хліб»"),
              "Brutărie socială: pâine și cozonac făcute de tineri care au părăsit sistemul de protecție.",
              "Соціальна пекарня: хліб, який печуть молоді люди з вразливих груп.",
              "A social bakery: bread baked by young people leaving care.", "kg"),
    Archetype("textiles", ("14.13", "14.19"), ("18000000", "18100000"), ("work_integration", "social_inclusion"),
              ("women_at_risk", "roma"), "Uniforme și textile cusute la comandă", "Пошиття уніформи та текстилю",
              "Made-to-order uniforms and textiles", ("Atelierul de Croitorie Ac și Ață", "Mâini Dibace",
                                                      "Cusături cu Rost"),
              ("Швейна майстерня «Голка»", "Майстерня «Вишиванка»"),
              "Atelier de croitorie care angajează femei din grupuri vulnerabile.",
              "Швейна майстерня, що працевлаштовує жінок з вразливих груп.",
              "A sewing workshop employing women from vulnerable groups.", "pieces"),
    Archetype("furniture", ("31.09", "16.23"), ("39100000", "39000000"), ("work_integration", "green_circular_economy"),
              ("people_with_disabilities", "former_detainees"), "Mobilier din lemn recuperat",
              "Меблі з відновленої деревини", "Furniture from reclaimed wood",
              ("Tâmplăria Verde", "Lemn cu Suflet", "Atelierul de Mobilier Renaște"),
              ("Столярня «Друге життя»", "Майстерня меблів «Дерево»"),
              "Tâmplărie socială: mobilier din lemn recuperat, realizat de persoane cu dizabilități.",
              "Соціальна столярня: меблі з відновленої деревини.",
              "A social joinery: furniture from reclaimed wood.", "pieces"),
    Archetype("printing", ("18.12",), ("22000000", "79800000"), ("work_integration",),
              ("people_with_disabilities",), "Tipărituri și legătorie", "Друк і палітурні роботи",
              "Printing and binding", ("Tipografia Incluzivă", "Litera Solidară"),
              ("Друкарня «Інклюзія»",),
              "Tipografie protejată: broșuri, afișe și legătorie.",
              "Друкарня з інклюзивним працевлаштуванням.",
              "A sheltered print shop: brochures, posters and binding.", "copies"),
    Archetype("cleaning", ("81.21", "81.22"), ("90910000", "90900000"), ("work_integration", "social_inclusion"),
              ("long_term_unemployed", "roma"), "Servicii de curățenie", "Послуги з прибирання",
              "Cleaning services", ("Curat și Drept", "Echipa Curățeniei Sociale"),
              ("Клінінг «Чистий світ»",),
              "Servicii de curățenie pentru birouri și instituții, cu echipe de inserție.",
              "Прибирання офісів і установ командами соціальної інтеграції.",
              "Office and institution cleaning by work-integration teams.", "hours"),
    Archetype("gardening", ("81.30", "01.30"), ("77300000", "77000000"), ("green_circular_economy", "work_integration"),
              ("long_term_unemployed", "rural_poor"), "Amenajări peisagistice și spații verzi",
              "Озеленення та догляд за садами", "Landscaping and green spaces",
              ("Grădina Comunității", "Verde pentru Toți"), ("Садівництво «Зелений двір»",),
              "Întreținere de spații verzi și pepinieră socială.",
              "Догляд за зеленими зонами та соціальний розсадник.",
              "Green-space maintenance and a social plant nursery.", "hours"),
    Archetype("recycling", ("38.32", "38.11"), ("90500000", "90000000"), ("green_circular_economy",),
              ("long_term_unemployed",), "Colectare și reciclare deșeuri", "Збір і переробка відходів",
              "Waste collection and recycling", ("Reciclează Împreună", "A Doua Viață"),
              ("Переробка «Друге життя»", "Екоцентр «Разом»"),
              "Colectare selectivă și reciclare a echipamentelor electrice și textilelor.",
              "Роздільний збір і переробка електроніки та текстилю.",
              "Separate collection and recycling of electronics and textiles.", "tonnes"),
    Archetype("it", ("62.01", "63.11"), ("72000000", "72200000"), ("work_integration", "education"),
              ("people_with_disabilities", "youth_neet"), "Dezvoltare web și digitalizare documente",
              "Веброзробка та оцифрування документів", "Web development and document digitisation",
              ("Digital Incluziv", "Cod pentru Toți"), ("ІТ-ательє «Код рівних»",),
              "Servicii IT și digitalizare realizate de programatori cu dizabilități.",
              "ІТ-послуги від програмістів з інвалідністю.",
              "IT services by programmers with disabilities.", "projects"),
    Archetype("training", ("85.59",), ("80500000", "80000000"), ("education", "social_inclusion"),
              ("youth_neet", "refugees_idps"), "Cursuri de calificare profesională", "Професійні курси",
              "Vocational training courses", ("Academia Meseriilor", "Școala de Meserii Deschise"),
              ("Центр навчання «Крок»", "Школа ремесел «Майбутнє»"),
              "Cursuri de calificare și recalificare pentru tineri și persoane strămutate.",
              "Курси професійної підготовки для молоді та внутрішньо переміщених осіб.",
              "Vocational courses for young people and displaced persons.", "trainees"),
    Archetype("care", ("88.10", "87.30"), ("85300000", "85000000"), ("health_care", "social_inclusion"),
              ("older_people", "people_with_disabilities"), "Îngrijire la domiciliu", "Догляд вдома",
              "Home care", ("Îngrijire cu Inimă", "Sprijin Acasă"), ("Служба догляду «Турбота»",),
              "Servicii de îngrijire la domiciliu pentru vârstnici.",
              "Послуги догляду вдома для людей похилого віку.",
              "Home care services for older people.", "hours"),
    Archetype("crafts", ("32.99", "13.92"), ("37800000", "39500000"), ("culture", "work_integration"),
              ("roma", "women_at_risk"), "Obiecte de artizanat și cadouri corporate",
              "Вироби ручної роботи та корпоративні подарунки", "Handicrafts and corporate gifts",
              ("Meșteșug și Tradiție", "Atelierul de Ceramică Lutul Viu"), ("Майстерня «Глина»",),
              "Artizanat tradițional: ceramică, țesături și cadouri corporate.",
              "Традиційні ремесла: кераміка, ткацтво та подарунки.",
              "Traditional crafts: pottery, weaving and corporate gifts.", "pieces"),
    Archetype("farming", ("01.13", "01.47"), ("03000000", "15000000"), ("food_security", "local_development"),
              ("rural_poor",), "Legume proaspete din ferma socială", "Свіжі овочі з соціальної ферми",
              "Fresh vegetables from the social farm", ("Ferma Socială Roadele", "Grădina de Legume Împreună"),
              ("Соціальна ферма «Врожай»",),
              "Fermă socială: legume de sezon livrate direct cantinelor.",
              "Соціальна ферма: сезонні овочі для їдалень.",
              "A social farm: seasonal vegetables delivered to canteens.", "kg"),
    Archetype("laundry", ("96.01",), ("98310000", "98300000"), ("work_integration",),
              ("people_with_disabilities",), "Spălătorie și călcătorie", "Пральня",
              "Laundry and ironing", ("Spălătoria Socială Alb Curat",), ("Пральня «Біле»",),
              "Spălătorie protejată pentru hoteluri și instituții.",
              "Соціальна пральня для готелів і установ.",
              "A sheltered laundry for hotels and institutions.", "kg"),
)
