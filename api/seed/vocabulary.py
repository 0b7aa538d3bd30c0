# ruff: noqa: E501  (the tables read best one concept a line, in four languages)
"""The words benchmark enterprises are named and described with, in ro, en, uk and ru.

Each table lists concepts from the most to the least common; `zipf_weights` gives them the long-tailed
frequencies of real names (the first word of a rank-ordered list is about twice as common as the
second, and the last ones are rare). Rows are `en | ro | uk | ru`; a head also carries its NACE code
and impact area, so a bakery is in sector 10.71 whatever language it is named in.
"""

from dataclasses import dataclass

import numpy as np

LANGUAGES = ("en", "ro", "uk", "ru")
# The exponent of real business-name vocabularies is close to 1 (Zipf's law).
ZIPF_EXPONENT = 1.05


@dataclass(frozen=True)
class Word:
    forms: dict[str, str]  # language -> form
    sector: str = ""
    impact: str = ""


def _table(rows: str, *, coded: bool = False) -> tuple[Word, ...]:
    words = []
    for line in rows.strip().splitlines():
        cells = [cell.strip() for cell in line.split("|")]
        codes, forms = (cells[:2], cells[2:]) if coded else (["", ""], cells)
        words.append(Word(dict(zip(LANGUAGES, forms, strict=True)), sector=codes[0], impact=codes[1]))
    return tuple(words)


# What the enterprise is: the first word of most names.
HEADS = _table("""
94.99 | social_inclusion       | Association     | Asociația      | Асоціація      | Ассоциация
01.13 | local_development      | Cooperative     | Cooperativa    | Кооператив     | Кооператив
10.71 | work_integration       | Bakery          | Brutăria       | Пекарня        | Пекарня
88.10 | social_inclusion       | Centre          | Centrul        | Центр          | Центр
14.13 | work_integration       | Workshop        | Atelierul      | Майстерня      | Мастерская
01.50 | local_development      | Farm            | Ferma          | Ферма          | Ферма
56.10 | work_integration       | Kitchen         | Bucătăria      | Кухня          | Кухня
94.99 | social_inclusion       | Foundation      | Fundația       | Фонд           | Фонд
56.30 | work_integration       | Café            | Cafeneaua      | Кав'ярня       | Кофейня
01.19 | green_circular_economy | Garden          | Grădina        | Сад            | Сад
38.32 | green_circular_economy | Recycling       | Reciclarea     | Переробка      | Переработка
16.23 | work_integration       | Carpentry       | Tâmplăria      | Столярня       | Столярная
96.01 | work_integration       | Laundry         | Spălătoria     | Пральня        | Прачечная
18.12 | work_integration       | Printing House  | Tipografia     | Друкарня       | Типография
10.82 | work_integration       | Confectionery   | Cofetăria      | Кондитерська   | Кондитерская
47.61 | education              | Bookshop        | Librăria       | Книгарня       | Книжная лавка
23.41 | local_development      | Pottery         | Olăria         | Гончарня       | Гончарная
13.20 | work_integration       | Weavers         | Țesătoria      | Ткацька        | Ткацкая
01.49 | local_development      | Apiary          | Stupina        | Пасіка         | Пасека
55.20 | local_development      | Guesthouse      | Pensiunea      | Садиба         | Усадьба
85.59 | education              | School          | Școala         | Школа          | Школа
62.01 | education              | Digital Lab     | Laboratorul    | Лабораторія    | Лаборатория
88.91 | social_inclusion       | Day Care        | Centrul de zi  | Денний центр   | Дневной центр
86.90 | health_care            | Care Home       | Căminul        | Будинок опіки  | Дом опеки
10.39 | local_development      | Preserves       | Conservele     | Консервація    | Консервация
10.61 | local_development      | Mill            | Moara          | Млин           | Мельница
01.30 | green_circular_economy | Greenhouse      | Sera           | Теплиця        | Теплица
81.30 | green_circular_economy | Landscaping     | Peisagistica   | Озеленення     | Озеленение
95.29 | green_circular_economy | Repair Shop     | Reparații      | Ремонтна       | Ремонтная
58.11 | education              | Publishing      | Editura        | Видавництво    | Издательство
93.12 | social_inclusion       | Sports Club     | Clubul sportiv | Спортклуб      | Спортклуб
90.03 | education              | Studio          | Studioul       | Студія         | Студия
81.21 | work_integration       | Cleaning        | Curățenia      | Прибирання     | Уборка
49.41 | local_development      | Transport       | Transportul    | Перевезення    | Перевозки
10.51 | local_development      | Dairy           | Lactatele      | Молочарня      | Молочная
11.02 | local_development      | Winery          | Crama          | Виноробня      | Винодельня
32.40 | education              | Toy Workshop    | Jucăriile      | Іграшки        | Игрушки
15.12 | work_integration       | Leatherworks    | Marochinăria   | Шкіряна        | Кожевенная
31.09 | work_integration       | Furniture       | Mobila         | Меблі          | Мебель
75.00 | health_care            | Animal Shelter  | Adăpostul      | Притулок       | Приют
""", coded=True)

# How it describes itself: the second word of most names.
QUALITIES = _table("""
Together    | Împreună    | Разом        | Вместе
Hope        | Speranța    | Надія        | Надежда
Green       | Verde       | Зелена       | Зелёная
Solidarity  | Solidară    | Солідарна    | Солидарная
Kindness    | Bunătății   | Доброти      | Доброты
Inclusive   | Incluzivă   | Інклюзивна   | Инклюзивная
Community   | Comunitară  | Громадська   | Общинная
Good Hands  | Mâini Bune  | Добрі руки   | Добрые руки
Harvest     | Roadele     | Урожай       | Урожай
Craft       | Meșteșug    | Ремесло      | Ремесло
Sunrise     | Răsărit     | Світанок     | Рассвет
Open Door   | Ușa Deschisă| Відкриті двері| Открытые двери
Bridge      | Puntea      | Міст         | Мост
Homestead   | Gospodăria  | Господа      | Усадьба
Light       | Lumina      | Світло       | Свет
Roots       | Rădăcini    | Коріння      | Корни
Friendship  | Prietenia   | Дружба       | Дружба
New Start   | Noul Început| Новий початок| Новое начало
Bread       | Pâinea      | Хліб         | Хлеб
Hearth      | Vatra       | Вогнище      | Очаг
Family      | Familia     | Родина       | Семья
Dignity     | Demnitate   | Гідність     | Достоинство
Valley      | Valea       | Долина       | Долина
Spring      | Izvorul     | Джерело      | Родник
Linden      | Teiul       | Липа         | Липа
Oak         | Stejarul    | Дуб          | Дуб
Sunflower   | Floarea-Soarelui | Соняшник | Подсолнух
Wheat       | Grâul       | Пшениця      | Пшеница
Stork       | Barza       | Лелека       | Аист
Swallow     | Rândunica   | Ластівка     | Ласточка
Vineyard    | Via         | Виноградник  | Виноградник
Orchard     | Livada      | Садок        | Сад
Steppe      | Stepa       | Степ         | Степь
Danube      | Dunărea     | Дунай        | Дунай
Carpathians | Carpații    | Карпати      | Карпаты
Dniester    | Nistrul     | Дністер      | Днестр
Prut        | Prutul      | Прут         | Прут
Embroidery  | Ia          | Вишиванка    | Вышиванка
Honeycomb   | Fagurele    | Стільник     | Соты
Wool        | Lâna        | Вовна        | Шерсть
Clay        | Lutul       | Глина        | Глина
Amber       | Chihlimbar  | Бурштин      | Янтарь
Lantern     | Felinarul   | Ліхтар       | Фонарь
Compass     | Busola      | Компас       | Компас
Mosaic      | Mozaic      | Мозаїка      | Мозаика
Nest        | Cuibul      | Гніздо       | Гнездо
Anchor      | Ancora      | Якір         | Якорь
Kite        | Zmeul       | Змій         | Змей
Blossom     | Floarea     | Цвіт         | Цвет
Meadow      | Lunca       | Лука         | Луг
""")

GIVEN_NAMES = {
    "ro": "Ion Maria Elena Vasile Gheorghe Ana Mihai Ioana Andrei Cristina Nicolae Doina Petru Natalia Victor "
          "Tudor Irina Sorin Viorica Dumitru Lucia Radu Mariana Alexandru Silvia Constantin Aurelia Iulian",
    "en": "Anna John Maria David Sarah Peter Helen Mark Laura Paul Emma Thomas Julia Daniel Alice",
    "uk": "Олена Іван Оксана Петро Наталія Андрій Ірина Микола Тетяна Олександр Марія Василь Галина Юрій "
          "Людмила Богдан Світлана Тарас Ганна Степан",
    "ru": "Елена Иван Ольга Сергей Наталья Андрей Татьяна Николай Ирина Александр Мария Владимир Светлана "
          "Дмитрий Людмила",
}
SURNAMES = {
    "ro": "Popescu Ionescu Rusu Munteanu Ciobanu Lungu Ceban Cojocaru Popa Stan Dumitru Stoica Matei Moraru "
          "Constantin Tudor Marin Florea Nistor Sandu Bălan Zamfir Roman Botnari Grosu Vasilache Iordache",
    "en": "Smith Brown Taylor Wilson Evans Walker Wright Green Hall Wood",
    "uk": "Шевченко Коваленко Бондаренко Ткаченко Кравченко Олійник Мельник Поліщук Бойко Савченко Лисенко "
          "Руденко Марченко Гнатюк Петренко Козак",
    "ru": "Иванов Смирнов Кузнецов Попов Васильев Петров Соколов Морозов Волков Лебедев",
}

# Descriptions: "<what it is> <where>: it <does this> for <whom>."
ACTIVITIES = _table("""
employs people with disabilities | angajează persoane cu dizabilități | працевлаштовує людей з інвалідністю | трудоустраивает людей с инвалидностью
bakes bread and pastries | coace pâine și produse de patiserie | пече хліб і випічку | печёт хлеб и выпечку
grows organic vegetables | cultivă legume ecologice | вирощує органічні овочі | выращивает органические овощи
sews clothes and uniforms | coase haine și uniforme | шиє одяг та уніформу | шьёт одежду и униформу
trains young people in a trade | învață tinerii o meserie | навчає молодь ремеслу | обучает молодёжь ремеслу
cooks meals for schools and offices | gătește mese pentru școli și birouri | готує обіди для шкіл і офісів | готовит обеды для школ и офисов
repairs and resells furniture | repară și revinde mobilă | ремонтує та перепродає меблі | ремонтирует и перепродаёт мебель
recycles paper and plastic | reciclează hârtie și plastic | переробляє папір і пластик | перерабатывает бумагу и пластик
makes handmade soap and candles | face săpun și lumânări manual | виготовляє мило і свічки вручну | делает мыло и свечи вручную
prints books and leaflets | tipărește cărți și pliante | друкує книги та листівки | печатает книги и листовки
cares for elderly people at home | îngrijește vârstnici la domiciliu | доглядає літніх людей вдома | ухаживает за пожилыми на дому
runs a social shop | are un magazin social | має соціальний магазин | держит социальный магазин
produces honey and beeswax | produce miere și ceară | виробляє мед і віск | производит мёд и воск
offers cleaning services | oferă servicii de curățenie | надає послуги прибирання | оказывает услуги уборки
weaves carpets and towels | țese covoare și ștergare | тче килими та рушники | ткёт ковры и полотенца
builds wooden toys | face jucării din lemn | робить дерев'яні іграшки | делает деревянные игрушки
makes jam and preserves | face dulcețuri și conserve | варить варення та консерви | варит варенье и консервы
hosts tourists in the village | găzduiește turiști la sat | приймає туристів у селі | принимает туристов в селе
teaches computer skills | predă competențe digitale | навчає комп'ютерної грамоти | обучает компьютерной грамотности
washes and irons linen | spală și calcă lenjerie | пере та прасує білизну | стирает и гладит бельё
delivers food parcels | livrează pachete cu alimente | доставляє продуктові набори | доставляет продуктовые наборы
restores old houses | restaurează case vechi | реставрує старі будинки | реставрирует старые дома
makes ceramics | face ceramică | виготовляє кераміку | делает керамику
grows seedlings and flowers | crește răsaduri și flori | вирощує розсаду та квіти | выращивает рассаду и цветы
sells local wine | vinde vin local | продає місцеве вино | продаёт местное вино
runs a repair café | organizează un repair café | проводить ремонтне кафе | проводит ремонтное кафе
offers legal advice | oferă consultanță juridică | надає юридичні консультації | даёт юридические консультации
translates and interprets | traduce și interpretează | перекладає | переводит
rescues stray animals | salvează animale fără stăpân | рятує безпритульних тварин | спасает бездомных животных
binds and restores books | leagă și restaurează cărți | палітурить та реставрує книги | переплетает и реставрирует книги
""")
BENEFICIARIES = _table("""
people with disabilities | persoanele cu dizabilități | людей з інвалідністю | людей с инвалидностью
young people leaving care | tinerii din centrele de plasament | випускників інтернатів | выпускников интернатов
women in rural areas | femeile din mediul rural | жінок у селах | женщин в сёлах
the long-term unemployed | șomerii de lungă durată | довготривало безробітних | долговременно безработных
refugees | refugiați | біженців | беженцев
internally displaced people | persoanele strămutate | внутрішньо переміщених осіб | внутренне перемещённых лиц
older people | vârstnici | літніх людей | пожилых людей
Roma families | familiile de romi | ромських родин | цыганских семей
veterans | veterani | ветеранів | ветеранов
former prisoners | foștii deținuți | колишніх ув'язнених | бывших заключённых
single parents | părinții singuri | батьків-одинаків | родителей-одиночек
people recovering from addiction | persoanele în recuperare | людей, що долають залежність | людей, преодолевающих зависимость
""")
CONNECTIVES = {
    "en": ("in", "for", "Founded in"),
    "ro": ("din", "pentru", "Fondată în"),
    "uk": ("у місті", "для", "Заснована у"),
    "ru": ("в городе", "для", "Основана в"),
}


def zipf_weights(count: int, exponent: float = ZIPF_EXPONENT) -> np.ndarray:
    """Probabilities of ranks 1..count under Zipf's law, summing to 1."""
    weights = 1.0 / np.arange(1, count + 1) ** exponent
    probabilities: np.ndarray = weights / weights.sum()
    return probabilities
