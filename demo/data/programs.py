"""Charity programs of the demo: the ones named in the Astana news report, and a few more.

Each entry is keyed by its slug. `regions` lists the ISO codes of the regions where it runs.
"""

PROGRAMS = [
    {
        "slug": "retinopathy-screening",
        "direction": "healthcare",
        "status": "active",
        "beneficiaries": 1200,
        "featured": True,
        "order": 1,
        "regions": ["KZ-71", "KZ-75", "KZ-79", "KZ-35", "KZ-61"],
        "title_kk": "Офтальмологиялық скрининг және шала туған нәрестелердің ретинопатиясын емдеу",
        "title_ru": "Офтальмологический скрининг и лечение ретинопатии недоношенных",
        "title_en": "Eye screening and treatment of retinopathy of prematurity",
        "summary_kk": (
            "Медициналық ұйымдарды шала туған нәрестелерді офтальмологиялық тексеруге және "
            "ретинопатияны емдеуге арналған жабдықпен қамтамасыз ету."
        ),
        "summary_ru": (
            "Оснащение медицинских организаций оборудованием для офтальмологического скрининга "
            "и лечения ретинопатии у недоношенных детей."
        ),
        "summary_en": (
            "Equipping medical organisations to screen premature babies' eyes and treat retinopathy of prematurity."
        ),
        "body_kk": (
            "Шала туған нәрестелердің ретинопатиясы ерте анықталса, көру қабілетін сақтап қалуға болады.\n\n"
            "Бағдарлама аясында қор:\n\n"
            "- перинаталдық орталықтар мен көпбейінді ауруханаларға сандық ретинальды камералар мен "
            "лазерлік емдеу қондырғыларын сатып алады;\n"
            "- неонатологтар мен офтальмологтарды жабдықпен жұмыс істеуге оқытады;\n"
            "- тексерілген нәрестелердің санын және емдеу нәтижелерін жариялайды.\n\n"
            "Астанада Ана мен баланың ұлттық ғылыми орталығы және №2 көпбейінді қалалық аурухана жабдықталады."
        ),
        "body_ru": (
            "Ретинопатию недоношенных можно остановить, если обнаружить её вовремя.\n\n"
            "В рамках программы фонд:\n\n"
            "- закупает цифровые ретинальные камеры и лазерные установки для перинатальных центров "
            "и многопрофильных больниц;\n"
            "- обучает неонатологов и офтальмологов работе с оборудованием;\n"
            "- публикует число обследованных детей и результаты лечения.\n\n"
            "В Астане оснащаются Национальный научный центр материнства и детства и "
            "городская многопрофильная больница №2."
        ),
        "body_en": (
            "Retinopathy of prematurity can be stopped when it is found early.\n\n"
            "Under the program the foundation:\n\n"
            "- buys digital retinal cameras and laser units for perinatal centres and multidisciplinary hospitals;\n"
            "- trains neonatologists and ophthalmologists to use them;\n"
            "- publishes the number of babies screened and the results of treatment.\n\n"
            "In Astana the National Scientific Centre of Maternity and Childhood and "
            "City Multidisciplinary Hospital No. 2 are being equipped."
        ),
        "target_group_kk": "Шала туған нәрестелер және олардың ата-аналары",
        "target_group_ru": "Недоношенные новорождённые и их родители",
        "target_group_en": "Premature babies and their parents",
    },
    {
        "slug": "education-grants",
        "direction": "education",
        "status": "active",
        "beneficiaries": 2400,
        "featured": True,
        "order": 2,
        "regions": ["KZ-71", "KZ-75", "KZ-79", "KZ-35", "KZ-55", "KZ-63", "KZ-15", "KZ-43"],
        "title_kk": "«Қазақстан халқына» білім гранттары",
        "title_ru": "Образовательные гранты «Қазақстан халқына»",
        "title_en": "«Қазақстан халқына» education grants",
        "summary_kk": "Әлеуметтік осал отбасылардан шыққан талапты жастардың жоғары оқу орындарында оқуына грант.",
        "summary_ru": "Гранты на обучение в вузах для способной молодёжи из социально уязвимых семей.",
        "summary_en": "University grants for able young people from socially vulnerable families.",
        "body_kk": (
            "Грант оқу ақысын толық өтейді және жатақханада тұруға көмектеседі.\n\n"
            "Бағдарламаға елорданың 11 жоғары оқу орны қатысады. Басымдық көпбалалы және "
            "толық емес отбасылардың балаларына, мүгедектігі бар жастарға және ауыл мектептерінің "
            "түлектеріне беріледі.\n\n"
            "Грант иегерлері оқу жылында кемінде 40 сағат волонтерлік жұмыс атқарады."
        ),
        "body_ru": (
            "Грант полностью покрывает оплату обучения и помогает с проживанием в общежитии.\n\n"
            "В программе участвуют 11 вузов столицы. Приоритет — детям из многодетных и неполных семей, "
            "молодым людям с инвалидностью и выпускникам сельских школ.\n\n"
            "Обладатели грантов отрабатывают не менее 40 часов волонтёрской работы в учебный год."
        ),
        "body_en": (
            "A grant covers the full tuition fee and helps with a place in a hall of residence.\n\n"
            "Eleven universities of the capital take part. Priority goes to children from large and "
            "single-parent families, young people with disabilities and graduates of rural schools.\n\n"
            "Grant holders give at least 40 hours of volunteer work per academic year."
        ),
        "target_group_kk": "Әлеуметтік осал отбасылардың жастары, мүгедектігі бар студенттер",
        "target_group_ru": "Молодёжь из социально уязвимых семей, студенты с инвалидностью",
        "target_group_en": "Young people from vulnerable families, students with disabilities",
    },
    {
        "slug": "tusau-keser-club",
        "direction": "sport",
        "status": "active",
        "beneficiaries": 350,
        "featured": True,
        "order": 3,
        "regions": ["KZ-71", "KZ-75", "KZ-39", "KZ-47"],
        "title_kk": "«Тұсау кесер» дене шынықтыру-сауықтыру үйірмесі",
        "title_ru": "Физкультурно-оздоровительный клуб «Тұсау кесер»",
        "title_en": "«Тұсау кесер» physical culture and health club",
        "summary_kk": "Мүгедектігі бар балалар мен жасөспірімдерге арналған тегін адаптивті спорт үйірмесі.",
        "summary_ru": "Бесплатные занятия адаптивным спортом для детей и подростков с инвалидностью.",
        "summary_en": "Free adaptive sport classes for children and teenagers with disabilities.",
        "body_kk": (
            "Үйірмеде бейімделген дене шынықтыру, жүзу, бочча және үстел теннисі сабақтары өтеді.\n\n"
            "Сабақтарды адаптивті дене шынықтыру нұсқаушылары мен реабилитологтар жүргізеді. "
            "Балаларды үйінен әкелуге әлеуметтік такси қарастырылған."
        ),
        "body_ru": (
            "В клубе проходят занятия адаптивной физкультурой, плаванием, бочча и настольным теннисом.\n\n"
            "Занятия ведут инструкторы по адаптивной физкультуре и реабилитологи. "
            "Для доставки детей из дома предусмотрено социальное такси."
        ),
        "body_en": (
            "The club offers adaptive physical education, swimming, boccia and table tennis.\n\n"
            "Classes are led by adaptive PE instructors and rehabilitation specialists. "
            "A social taxi brings children from home."
        ),
        "target_group_kk": "Мүгедектігі бар 6–18 жастағы балалар мен жасөспірімдер",
        "target_group_ru": "Дети и подростки с инвалидностью от 6 до 18 лет",
        "target_group_en": "Children and teenagers with disabilities aged 6 to 18",
    },
    {
        "slug": "vascular-pathology-help",
        "direction": "healthcare",
        "status": "active",
        "beneficiaries": 18,
        "featured": True,
        "order": 4,
        "regions": ["KZ-71", "KZ-75", "KZ-79"],
        "title_kk": "Қан тамырлары патологиясы бар балаларға көмек, экзоскелеттер мен бионикалық протездер",
        "title_ru": "Помощь детям с сосудистой патологией, экзоскелеты и бионические протезы",
        "title_en": "Help for children with vascular pathology, exoskeletons and bionic prostheses",
        "summary_kk": (
            "Қан тамырлары патологиясы бар 18 балаға медициналық көмек, дәрі-дәрмек, "
            "экзоскелеттер мен бионикалық протездер."
        ),
        "summary_ru": (
            "Медицинская помощь 18 детям с сосудистой патологией, лекарства, экзоскелеты и бионические протезы."
        ),
        "summary_en": (
            "Medical care for 18 children with vascular pathology, medicines, exoskeletons and bionic prostheses."
        ),
        "body_kk": (
            "Қор қан тамырлары патологиясы бар 18 баланың отандық және шетелдік клиникалардағы емін қаржыландырады, "
            "қымбат дәрілік заттарды сатып алады.\n\n"
            "Қозғалысы шектеулі балалар экзоскелеттермен, аяқ-қолынан айырылған балалар "
            "бионикалық протездермен қамтамасыз етіледі. Протезді баптау және баланы оған үйрету "
            "бағдарлама құнына кіреді."
        ),
        "body_ru": (
            "Фонд оплачивает лечение 18 детей с сосудистой патологией в казахстанских и зарубежных клиниках "
            "и закупает дорогостоящие лекарства.\n\n"
            "Дети с нарушениями движения получают экзоскелеты, дети после ампутации — бионические протезы. "
            "Настройка протеза и обучение ребёнка входят в стоимость программы."
        ),
        "body_en": (
            "The foundation pays for the treatment of 18 children with vascular pathology in clinics in "
            "Kazakhstan and abroad and buys expensive medicines.\n\n"
            "Children with movement disorders receive exoskeletons, children after amputation receive "
            "bionic prostheses. Fitting the prosthesis and training the child are included."
        ),
        "target_group_kk": "Қан тамырлары патологиясы бар және аяқ-қолынан айырылған балалар",
        "target_group_ru": "Дети с сосудистой патологией и после ампутации",
        "target_group_en": "Children with vascular pathology and after amputation",
    },
    {
        "slug": "inclusive-schools",
        "direction": "rehabilitation",
        "status": "active",
        "beneficiaries": 5200,
        "featured": False,
        "order": 5,
        "regions": ["KZ-71", "KZ-75", "KZ-11", "KZ-31", "KZ-59", "KZ-27", "KZ-62"],
        "title_kk": "Инклюзивті мектептерге қолдау",
        "title_ru": "Поддержка инклюзивных школ",
        "title_en": "Support for inclusive schools",
        "summary_kk": "Мектептерге ресурстық кабинеттер, арнайы оқу құралдары және тьюторларды оқыту.",
        "summary_ru": "Ресурсные кабинеты, специальные учебные пособия и обучение тьюторов для школ.",
        "summary_en": "Resource rooms, special learning aids and tutor training for schools.",
        "body_kk": (
            "Ерекше білім беру қажеттіліктері бар балалар өз ауласындағы мектепте оқуы керек.\n\n"
            "Қор мектептерде ресурстық кабинеттер ашады, пандус пен көтергіштер орнатуға көмектеседі, "
            "мұғалімдер мен тьюторларға курстар ұйымдастырады."
        ),
        "body_ru": (
            "Дети с особыми образовательными потребностями должны учиться в школе рядом с домом.\n\n"
            "Фонд открывает в школах ресурсные кабинеты, помогает установить пандусы и подъёмники, "
            "организует курсы для учителей и тьюторов."
        ),
        "body_en": (
            "Children with special educational needs should be able to attend the school next door.\n\n"
            "The foundation opens resource rooms in schools, helps install ramps and lifts, "
            "and runs courses for teachers and tutors."
        ),
        "target_group_kk": "Ерекше білім беру қажеттіліктері бар оқушылар, мұғалімдер, тьюторлар",
        "target_group_ru": "Ученики с особыми образовательными потребностями, учителя, тьюторы",
        "target_group_en": "Pupils with special educational needs, teachers, tutors",
    },
    {
        "slug": "rehabilitation-centres",
        "direction": "rehabilitation",
        "status": "active",
        "beneficiaries": 3100,
        "featured": False,
        "order": 6,
        "regions": ["KZ-71", "KZ-19", "KZ-23", "KZ-33", "KZ-55", "KZ-10", "KZ-61"],
        "title_kk": "Оңалту және перинаталдық орталықтарды жабдықтау",
        "title_ru": "Оснащение реабилитационных и перинатальных центров",
        "title_en": "Equipment for rehabilitation and perinatal centres",
        "summary_kk": (
            "Церебральды сал ауруы, аутизм және Даун синдромы бар балалармен жұмыс істейтін "
            "орталықтарға заманауи жабдық."
        ),
        "summary_ru": ("Современное оборудование для центров, работающих с детьми с ДЦП, аутизмом и синдромом Дауна."),
        "summary_en": (
            "Modern equipment for centres working with children with cerebral palsy, autism and Down syndrome."
        ),
        "body_kk": (
            "Қор оңалту орталықтарына роботтандырылған тренажерлер, сенсорлық бөлмелер, "
            "логопедиялық және эрготерапиялық жабдықтар сатып алады.\n\n"
            "Жабдық өңір әкімдігімен бірге таңдалады; орталық оны кемінде бес жыл мақсатына сай "
            "пайдалануға міндеттенеді."
        ),
        "body_ru": (
            "Фонд закупает для реабилитационных центров роботизированные тренажёры, сенсорные комнаты, "
            "логопедическое и эрготерапевтическое оборудование.\n\n"
            "Оборудование выбирается вместе с акиматом региона; центр обязуется использовать его по "
            "назначению не менее пяти лет."
        ),
        "body_en": (
            "The foundation buys robotic trainers, sensory rooms, speech therapy and occupational therapy "
            "equipment for rehabilitation centres.\n\n"
            "Equipment is chosen together with the regional akimat; the centre undertakes to use it for "
            "its purpose for at least five years."
        ),
        "target_group_kk": "Церебральды сал ауруы, аутизм, Даун синдромы бар балалар",
        "target_group_ru": "Дети с ДЦП, аутизмом, синдромом Дауна",
        "target_group_en": "Children with cerebral palsy, autism, Down syndrome",
    },
    {
        "slug": "retraining-special-needs",
        "direction": "social_support",
        "status": "planned",
        "beneficiaries": 0,
        "featured": False,
        "order": 7,
        "regions": ["KZ-71", "KZ-35", "KZ-39", "KZ-47"],
        "title_kk": "Ерекше қажеттіліктері бар адамдарды қайта даярлау",
        "title_ru": "Переподготовка людей с особыми потребностями",
        "title_en": "Retraining for people with special needs",
        "summary_kk": "Мүгедектігі бар адамдарға сұранысқа ие мамандықтар бойынша курстар және жұмысқа орналасуға көмек.",
        "summary_ru": "Курсы по востребованным профессиям и помощь в трудоустройстве для людей с инвалидностью.",
        "summary_en": "Courses in jobs in demand and help finding work for people with disabilities.",
        "body_kk": (
            "Бағдарлама колледждермен және жұмыс берушілермен бірге әзірленеді: IT-қолдау, "
            "тігін ісі, бухгалтерия, аспаздық. Оқу қашықтан да өтеді."
        ),
        "body_ru": (
            "Программа готовится вместе с колледжами и работодателями: IT-поддержка, швейное дело, "
            "бухгалтерия, кулинария. Обучение возможно дистанционно."
        ),
        "body_en": (
            "The program is being prepared with colleges and employers: IT support, sewing, "
            "bookkeeping, cooking. Courses can be taken remotely."
        ),
        "target_group_kk": "Мүгедектігі бар ересектер",
        "target_group_ru": "Взрослые с инвалидностью",
        "target_group_en": "Adults with disabilities",
    },
    {
        "slug": "inclusive-creative-studios",
        "direction": "culture",
        "status": "active",
        "beneficiaries": 640,
        "featured": False,
        "order": 8,
        "regions": ["KZ-75", "KZ-79", "KZ-43", "KZ-31"],
        "title_kk": "Инклюзивті шығармашылық студиялар",
        "title_ru": "Инклюзивные творческие студии",
        "title_en": "Inclusive creative studios",
        "summary_kk": "Ерекше қажеттіліктері бар балалар мен жастарға арналған музыка, театр және бейнелеу өнері студиялары.",
        "summary_ru": "Студии музыки, театра и изобразительного искусства для детей и молодёжи с особыми потребностями.",
        "summary_en": "Music, theatre and art studios for children and young people with special needs.",
        "body_kk": (
            "Студиялар мәдениет үйлері мен кітапханалар жанында ашылады. Жыл соңында қатысушылардың "
            "ортақ концерті мен көрмесі өтеді."
        ),
        "body_ru": (
            "Студии открываются при домах культуры и библиотеках. В конце года проходит общий концерт "
            "и выставка участников."
        ),
        "body_en": (
            "Studios open in culture houses and libraries. At the end of the year participants give "
            "a joint concert and exhibition."
        ),
        "target_group_kk": "Ерекше қажеттіліктері бар балалар мен жастар",
        "target_group_ru": "Дети и молодёжь с особыми потребностями",
        "target_group_en": "Children and young people with special needs",
    },
]
