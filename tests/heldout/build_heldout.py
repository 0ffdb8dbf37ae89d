#!/usr/bin/env python3
"""Builds tests/heldout/heldout_gold.jsonl (held-out gold set; never tune the coder on it).

Event dates written as "@Friday" / "@yesterday" / "@lastmonth" are resolved against the
item's `published` date (weekday = most recent such day strictly before `published`).
Run: python3 tests/heldout/build_heldout.py
"""
import datetime as dt, json, os, random, re

WD = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
OUTLETS = ["Meridian Wire", "Continental Press", "Sahel Dispatch", "Andes Report", "Pacific Newswire",
           "Gulf Ledger", "Eurasia Desk", "Atlantic Newswire"]


def E(src, tgt, roots, date=None, sym=False):
    return {"src": src.split("|"), "tgt": tgt.split("|"), "root": roots.split(), "sym": sym, "date": date}


def resolve(date, pub, text):
    if date is None:
        return None
    p = dt.date.fromisoformat(pub)
    if date.startswith("@"):
        w = date[1:]
        if w == "yesterday":
            assert "yesterday" in text, text
            return (p - dt.timedelta(days=1)).isoformat()
        if w == "lastmonth":
            assert "last month" in text, text
            q = p.replace(day=1) - dt.timedelta(days=1)
            return q.strftime("%Y-%m")
        assert w in text, (w, text)
        i = WD.index(w)
        back = (p.weekday() - i) % 7 or 7
        return (p - dt.timedelta(days=back)).isoformat()
    return date


ITEMS = []  # (kind, published, text, events, optional, forbidden)


def S(pub, text, events=(), optional=(), forbidden=(), kind="single"):
    ITEMS.append((kind, pub, text, list(events), list(optional), list(forbidden)))


def A(pub, text, events=(), optional=(), forbidden=()):
    S(pub, text, events, optional, forbidden, kind="article")


def T(pub, text, forbidden=(), optional=()):
    S(pub, text, (), optional, forbidden, kind="trap")


# ---------------------------------------------------------------- 01 statements
S("2015-04-27", "NEW DELHI - Indian Prime Minister Narendra Modi on Sunday conveyed his condolences to Nepal over the earthquake that has killed more than 3,000 people, telling his Nepali counterpart Sushil Koirala that India stood with “our brothers and sisters” in their hour of grief, according to a statement from Modi's office.",
  [E("IND", "NPL", "01", "@Sunday")], [E("IND", "NPL", "04 07")])
S("2019-10-03", "MOGADISHU - Somalia's al Shabaab militant group claimed responsibility on Monday for a car bomb attack on the Baledogle airfield, a base used by U.S. special forces to train Somali commandos, in a statement carried by its Andalus radio station. A U.S. Africa Command spokesman said no American personnel had been killed.",
  [E("SOM", "USA", "01", "@Monday"), E("SOM", "USA", "18 19", "@Monday")])
S("2022-06-14", "KIGALI - Rwanda on Monday dismissed accusations by the Democratic Republic of Congo that its soldiers had crossed the border to fight alongside M23 rebels, with government spokeswoman Yolande Makolo describing the charge, which Kinshasa has repeated for weeks, as “a fabrication intended to distract from the failures of the Congolese state”.",
  [E("RWA", "COD", "01 12", "@Monday")], [E("RWA", "COD", "11"), E("COD", "RWA", "11")],
  [E("RWA", "COD", "19 18")])
S("2023-05-22", "HIROSHIMA, Japan - South Korean President Yoon Suk Yeol and Japanese Prime Minister Fumio Kishida on Sunday laid white flowers together at a memorial to Korean victims of the 1945 atomic bombing, the first such joint tribute by leaders of the two countries, in a gesture both governments cast as evidence that relations strained for years over wartime history were thawing.",
  [E("JPN", "KOR", "01", "@Sunday", sym=True)], [E("JPN", "KOR", "04 05", sym=True)])
S("2021-05-29", "BERLIN - Germany formally acknowledged on Friday that its colonial-era troops committed genocide against the Herero and Nama peoples in what is now Namibia more than a century ago, with Foreign Minister Heiko Maas saying Berlin would ask the “forgiveness” of the victims' descendants. Germany will fund reconstruction and development projects in Namibia worth 1.1 billion euros over 30 years, Maas said.",
  [E("DEU", "NAM", "01 05", "@Friday"), E("DEU", "NAM", "03 07")])
S("2023-09-13", "UNITED NATIONS - U.N. Secretary-General Antonio Guterres on Tuesday expressed his “deepest condolences” to the government and people of Libya after catastrophic flooding in the eastern city of Derna, which local officials say has killed more than 5,000 people, and said U.N. agencies were working with the authorities to assess needs.",
  [E("IGO", "LBY", "01", "@Tuesday")], [E("IGO", "LBY", "06 07 03 04")])

# ---------------------------------------------------------------- 02 appeals
S("2022-07-20", "MOGADISHU - Somalia's newly elected president, Hassan Sheikh Mohamud, appealed on Tuesday to the United Arab Emirates and Saudi Arabia for urgent assistance as the country's worst drought in four decades pushes several southern districts towards famine, his office said in a statement issued after separate calls with officials in Abu Dhabi and Riyadh.",
  [E("SOM", "ARE", "02", "@Tuesday"), E("SOM", "SAU", "02", "@Tuesday")],
  [E("SOM", "ARE", "04", sym=True), E("SOM", "SAU", "04", sym=True)])
S("2024-02-15", "MANILA - The Philippines has asked Japan to supply additional coast guard patrol vessels under a concessional loan programme, an official at the Department of Transportation said on Wednesday, as Manila seeks to strengthen its presence in waters of the South China Sea also claimed by Beijing.",
  [E("PHL", "JPN", "02")], [E("JPN", "PHL", "07 06")])
S("2020-11-10", "NEW YORK - U.N. Secretary-General Antonio Guterres on Monday called on Ethiopia's federal government and the ruling party of the northern Tigray region to take urgent steps to de-escalate tensions, warning that a prolonged conflict would be devastating for civilians, after days of air strikes and ground fighting that Prime Minister Abiy Ahmed has described as a law-enforcement operation.",
  [E("IGO", "ETH", "02", "@Monday"), E("ETH", "ETH", "19 18")])
S("2016-07-12", "JUBA - The African Union's Peace and Security Council on Monday urged South Sudanese President Salva Kiir and his former rebel rival, First Vice President Riek Machar, to rein in their forces after four days of fighting in the capital that aid agencies say has killed hundreds of soldiers and civilians and sent thousands fleeing to U.N. compounds.",
  [E("IGO", "SSD", "02", "@Monday"), E("SSD", "SSD", "19")])

# ---------------------------------------------------------------- 03 intent to cooperate
S("2018-09-05", "NAIROBI - China has agreed to lend Kenya a further $3.6 billion to extend its standard gauge railway westward to the Ugandan border, Kenya's Treasury said, as President Uhuru Kenyatta returned from a summit in Beijing where he met Chinese President Xi Jinping.",
  [E("CHN", "KEN", "03 05 07"), E("KEN", "CHN", "04", sym=True)])
S("2023-08-28", "BOGOTA - Colombia's National Liberation Army (ELN) said on Sunday it was prepared to extend a six-month bilateral ceasefire with the government of President Gustavo Petro beyond its January expiry, provided Bogota kept its commitments on the release of jailed rebels, according to a communique read by its chief negotiator.",
  [E("COL", "COL", "03", "@Sunday")], [E("COL", "COL", "10 02")])
S("2024-03-09", "ISTANBUL - Turkish President Tayyip Erdogan offered on Friday to host a peace summit between Russia and Ukraine, telling Ukrainian President Volodymyr Zelenskiy during talks in Istanbul that Ankara was “ready to do its part” to end the war, which entered its third year last month.",
  [E("TUR", "UKR", "03", "@Friday"), E("TUR", "UKR", "04", "@Friday", sym=True)],
  [E("TUR", "RUS", "03")], [E("RUS", "UKR", "04", sym=True)])
S("2025-04-11", "HANOI - Vietnam said on Thursday it would buy more U.S. liquefied natural gas, aircraft and farm goods and crack down on trade fraud, as the Southeast Asian exporter tries to negotiate relief from steep tariffs announced by Washington.",
  [E("VNM", "USA", "03", "@Thursday")], [E("USA", "VNM", "16"), E("VNM", "USA", "04")])
S("2022-03-18", "COLOMBO - India will supply Sri Lanka with food, medicines and other essential goods under a new $1 billion credit line, Sri Lankan officials said on Thursday, as the island nation struggles with its worst economic crisis since independence in 1948.",
  [E("IND", "LKA", "03 07 05")], [E("LKA", "IND", "02")])

# ---------------------------------------------------------------- 04 consult
S("2023-04-15", "BEIJING - Brazilian President Luiz Inacio Lula da Silva met Chinese President Xi Jinping in Beijing on Friday, and the two governments signed 15 agreements covering trade, satellite technology and the digital economy, as Lula seeks to rebuild ties with Brazil's largest trading partner after four years of friction under his predecessor.",
  [E("BRA", "CHN", "04", "@Friday", sym=True), E("BRA", "CHN", "05 06", "@Friday", sym=True)])
S("2023-04-07", "DUBAI - Saudi Foreign Minister Prince Faisal bin Farhan and his Iranian counterpart, Hossein Amir-Abdollahian, met in Beijing on Thursday in the first formal meeting of the two countries' top diplomats in more than seven years, and agreed to reopen embassies within two months, according to a joint statement.",
  [E("SAU", "IRN", "04", "@Thursday", sym=True), E("SAU", "IRN", "05 03", "@Thursday", sym=True)],
  [E("CHN", "SAU|IRN", "04")])
S("2021-05-18", "CAIRO - Egyptian mediators held separate talks with Israeli officials and Hamas leaders on Monday in an effort to broker a ceasefire, Egyptian security sources said, as Israeli air strikes on Gaza and rocket fire from the enclave entered a second week.",
  [E("EGY", "ISR", "04", "@Monday"), E("EGY", "PSE", "04", "@Monday"),
   E("ISR", "PSE", "19", sym=True)], [E("PSE", "ISR", "19 18")])
S("2025-02-13", "WASHINGTON - President Donald Trump said he held a lengthy telephone call with Russian President Vladimir Putin on Wednesday, and that the two leaders agreed to have their teams begin negotiations on ending the war in Ukraine “immediately”, a shift that alarmed officials in Kyiv and several European capitals.",
  [E("USA", "RUS", "04", "@Wednesday", sym=True), E("USA", "RUS", "03", "@Wednesday", sym=True)],
  [E("UKR", "USA", "11 01")])

# ---------------------------------------------------------------- 05 diplomatic cooperation
S("2023-03-27", "TEGUCIGALPA - Honduras established diplomatic relations with China on Sunday, its foreign ministry said, a day after the Central American country ended decades of formal ties with Taiwan, leaving Taipei with only 13 diplomatic allies.",
  [E("HND", "CHN", "05", "@Sunday", sym=True), E("HND", "TWN", "16")], [E("TWN", "HND", "16 11")])
S("2020-12-11", "RABAT - The United States on Thursday recognised Morocco's sovereignty over the disputed Western Sahara region under a deal in which Rabat agreed to normalise relations with Israel, making it the fourth Arab state to do so this year, U.S. and Moroccan officials said.",
  [E("USA", "MAR", "05", "@Thursday"), E("MAR", "ISR", "05 03", "@Thursday", sym=True)])
S("2022-12-20", "THE HAGUE - Dutch Prime Minister Mark Rutte on Monday formally apologised on behalf of the state for the Netherlands' role in 250 years of slavery, describing it as a crime against humanity, in a speech addressed in part to descendants in Suriname, where some activists had asked that the apology be delivered on the anniversary of abolition next year.",
  [E("NLD", "SUR", "05 01", "@Monday")], [E("SUR", "NLD", "11 02")])
S("2016-12-05", "RABAT - Nigeria and Morocco signed an agreement on Saturday to build a gas pipeline linking the two countries along the West African coast, during a visit to Abuja by King Mohammed VI, Moroccan state news agency MAP reported.",
  [E("NGA", "MAR", "05 06 03", "@Saturday", sym=True), E("MAR", "NGA", "04", sym=True)])
S("2022-04-06", "KYIV - Ukrainian President Volodymyr Zelenskiy thanked Poland on Tuesday for taking in more than 2.5 million refugees from his country, saying in a video address that Warsaw had shown Europe “what solidarity means in practice”, and urged Polish lawmakers to push for a full EU embargo on Russian oil.",
  [E("UKR", "POL", "05 01", "@Tuesday"), E("UKR", "POL", "02", "@Tuesday")],
  [E("POL", "UKR", "07")])

# ---------------------------------------------------------------- 06 material cooperation
S("2023-11-10", "DARWIN, Australia - The Australian and Indonesian navies concluded a week of joint exercises in the Timor Sea, practising anti-submarine warfare and maritime interdiction, Australia's Department of Defence said, in drills that both sides described as a sign of deepening security cooperation between the neighbours.",
  [E("AUS", "IDN", "06", sym=True)])
S("2022-05-05", "BOGOTA - Colombia extradited Dairo Antonio Usuga, the country's most-wanted drug lord known as Otoniel, to the United States on Wednesday, where he faces charges of smuggling tonnes of cocaine, President Ivan Duque said in a video posted on Twitter.",
  [E("COL", "USA", "06", "@Wednesday")], [E("COL", "COL", "17"), E("USA", "COL", "17")])
S("2023-06-12", "KARACHI - The first cargo of discounted Russian crude oil arrived in Pakistan on Sunday, Petroleum Minister Musadik Malik said, under a deal Islamabad hopes will ease a balance-of-payments crisis that has brought it close to default.",
  [E("RUS", "PAK", "06", "@Sunday", sym=True)])
S("2021-11-15", "KHARTOUM - Egyptian and Sudanese air force units began joint drills at Sudan's Merowe air base on Sunday, the Sudanese army said, the latest in a series of exercises between the two countries amid a dispute with Ethiopia over its giant Nile dam.",
  [E("EGY", "SDN", "06", "@Sunday", sym=True)], [E("EGY|SDN", "ETH", "15 11")])
S("2024-08-21", "NAIROBI - Kenya's National Intelligence Service passed information to Somali authorities that led to the arrest of three suspected al Shabaab financiers in Mogadishu, two security officials in Nairobi told reporters, describing the arrests as a product of growing intelligence sharing between the neighbours.",
  [E("KEN", "SOM", "06"), E("SOM", "SOM", "17")])

# ---------------------------------------------------------------- 07 aid
S("2023-02-10", "ADANA, Turkey - A Japanese air force transport plane carrying tents, blankets and water purifiers landed at Adana's Incirlik air base on Thursday, the Japanese embassy said, joining relief flights from more than 70 countries after Monday's earthquake killed more than 20,000 people in Turkey and Syria.",
  [E("JPN", "TUR", "07", "@Thursday")])
S("2024-04-25", "WASHINGTON - The Pentagon announced on Wednesday a $1 billion package of air-defence interceptors, artillery shells and armoured vehicles for Ukraine, drawn from existing U.S. stocks, hours after President Joe Biden signed into law a long-delayed foreign aid bill.",
  [E("USA", "UKR", "07 03", "@Wednesday")])
S("2021-10-02", "KABUL - The World Food Programme said it delivered food assistance to nearly 4 million people in Afghanistan last month, more than double the number it reached in August, as the country's economy collapsed following the Taliban's seizure of power.",
  [E("IGO", "AFG", "07", "@lastmonth")])
S("2019-01-28", "GAZA - Qatar began distributing $100 payments to tens of thousands of needy families in the Gaza Strip on Sunday, Qatari envoy Mohammed al-Emadi said, after the Hamas-run territory's rulers turned down a separate tranche of Qatari cash intended for civil servants' salaries.",
  [E("QAT", "PSE", "07", "@Sunday")], [E("PSE", "QAT", "12")])
S("2024-09-09", "MADRID - Venezuelan opposition candidate Edmundo Gonzalez landed at a military air base near Madrid on Sunday after Spain granted him political asylum, days after a Caracas court issued a warrant for his arrest over his claims to have won July's presidential election.",
  [E("ESP", "VEN", "07"), E("VEN", "VEN", "17")], [E("VEN", "ESP", "11 12")])
S("2024-06-26", "PORT-AU-PRINCE - The first 400 Kenyan police officers arrived in Haiti's capital on Tuesday to lead a U.N.-backed multinational mission against the armed gangs that control most of Port-au-Prince, nearly two years after Haiti's government first requested international help.",
  [E("KEN", "HTI", "07 06 15", "@Tuesday")], [E("HTI", "IGO", "02")])

# ---------------------------------------------------------------- 08 yield
S("2023-10-19", "WASHINGTON - The United States on Wednesday eased sanctions on Venezuela's oil, gas and gold sectors, a day after the government of President Nicolas Maduro and the opposition signed an agreement in Barbados on holding a presidential election in the second half of 2024.",
  [E("USA", "VEN", "08", "@Wednesday"), E("VEN", "VEN", "05 03", "2023-10-17", sym=True)])
S("2024-05-25", "BAKU - Armenia handed over control of four border villages to Azerbaijan on Friday, the two countries said, completing the first stage of a border demarcation that has prompted weeks of street protests in Armenia led by a senior cleric.",
  [E("ARM", "AZE", "08", "@Friday")], [E("ARM", "ARM", "14"), E("ARM", "AZE", "05", sym=True)])
S("2023-12-23", "NIAMEY - The last French troops left Niger on Friday, completing a withdrawal demanded by the military officers who seized power in July and ending a decade-long French counter-insurgency deployment in the Sahel country.",
  [E("FRA", "NER", "08 16", "@Friday")], [E("NER", "FRA", "10")])
S("2024-06-14", "PARIS - Iran freed French national Louis Arnaud on Wednesday after nearly two years of detention in Tehran, President Emmanuel Macron's office said, adding that three other French citizens remained in Iranian custody.",
  [E("IRN", "FRA", "08", "@Wednesday")], [E("IRN", "FRA", "17")])
S("2023-10-22", "RAFAH, Egypt - The first convoy of 20 aid trucks crossed from Egypt into the Gaza Strip on Saturday, carrying medicine and food supplied by the Egyptian Red Crescent, after Israel agreed under U.S. pressure to allow limited deliveries into the besieged enclave.",
  [E("EGY", "PSE", "07", "@Saturday"), E("ISR", "PSE", "08")], [E("USA", "ISR", "02 10")])
S("2024-09-04", "DHAKA - The United Arab Emirates pardoned 57 Bangladeshi nationals on Tuesday who had been jailed for staging protests in the Gulf state in support of the student movement back home, Bangladesh's foreign ministry said.",
  [E("ARE", "BGD", "08", "@Tuesday")], [E("ARE", "BGD", "17"), E("BGD", "ARE", "14")])

# ---------------------------------------------------------------- 09 investigate
S("2023-10-12", "GENEVA - The U.N. Human Rights Council voted on Wednesday to set up an independent fact-finding mission to investigate alleged atrocities in Sudan, where six months of war between the army and the paramilitary Rapid Support Forces have killed thousands of civilians.",
  [E("IGO", "SDN", "09", "@Wednesday")], [E("SDN", "SDN", "19 20")])
S("2021-09-16", "THE HAGUE - Judges at the International Criminal Court on Wednesday authorised a full investigation into killings committed during former Philippine leader Rodrigo Duterte's war on drugs, which rights groups say left thousands dead. Manila has said it will not cooperate with the court.",
  [E("IGO", "PHL", "09", "@Wednesday")], [E("PHL", "IGO", "12"), E("PHL", "PHL", "18 20 17")])
S("2024-02-09", "BRASILIA - Brazilian federal police on Thursday searched the homes of former President Jair Bolsonaro's top aides and seized his passport as part of an investigation into an alleged plot to overturn the 2022 election and keep him in power.",
  [E("BRA", "BRA", "09 17", "@Thursday")])
S("2024-06-28", "NAIROBI - Kenya's police oversight authority said on Thursday it had opened investigations into the deaths of at least 22 people during protests against a finance bill, after rights groups accused officers of firing live rounds at demonstrators.",
  [E("KEN", "KEN", "09")], [E("KEN", "KEN", "14 17 18 11")])
S("2014-10-08", "MEXICO CITY - Mexico's attorney general said federal investigators had taken over the probe into the disappearance of 43 trainee teachers in the southern state of Guerrero, after mass graves were found near the town of Iguala, where the students were last seen in police custody.",
  [E("MEX", "MEX", "09")], [E("MEX", "MEX", "17 18 20")])

# ---------------------------------------------------------------- 10 demands
S("2022-08-03", "BEIJING - China demanded on Tuesday that the United States stop playing “the Taiwan card”, and Vice Foreign Minister Xie Feng summoned U.S. Ambassador Nicholas Burns late in the evening to lodge stern protests, hours after U.S. House Speaker Nancy Pelosi landed in Taipei.",
  [E("CHN", "USA", "10", "@Tuesday"), E("CHN", "USA", "11", "@Tuesday"), E("USA", "TWN", "04", "@Tuesday", sym=True)],
  [E("CHN", "TWN", "15 13")])
S("2023-01-03", "ISLAMABAD - Pakistan demanded on Monday that Afghanistan's Taliban rulers act against militants of the Pakistani Taliban sheltering on Afghan soil, after a surge of attacks on security forces in the northwest, the National Security Committee said after a meeting chaired by Prime Minister Shehbaz Sharif.",
  [E("PAK", "AFG", "10", "@Monday")], [E("PAK", "PAK", "18 19")])
S("2023-07-31", "ABUJA - West African leaders on Sunday gave the military junta in Niger one week to reinstate ousted President Mohamed Bazoum, saying they did not rule out the use of force, and imposed immediate financial sanctions on the country, the ECOWAS bloc said after an emergency summit.",
  [E("IGO", "NER", "13 10", "@Sunday"), E("IGO", "NER", "16", "@Sunday")])
S("2020-01-06", "BAGHDAD - Iraq's parliament voted on Sunday to demand the expulsion of U.S. and other foreign troops from the country, two days after a U.S. drone strike at Baghdad airport on Friday killed Iranian military commander Qassem Soleimani.",
  [E("IRQ", "USA", "10", "@Sunday"), E("USA", "IRN", "18 19", "@Friday")], [E("USA", "IRQ", "19 18")])
S("2024-01-03", "MOGADISHU - Somalia demanded on Tuesday that Ethiopia withdraw from a memorandum of understanding with the breakaway region of Somaliland that would give Addis Ababa access to the sea, and recalled its ambassador from Ethiopia for consultations.",
  [E("SOM", "ETH", "10", "@Tuesday"), E("SOM", "ETH", "16", "@Tuesday")], [E("ETH", "SOM", "05 03")])

# ---------------------------------------------------------------- 11 disapprove
S("2023-12-30", "JOHANNESBURG - South Africa filed a case at the International Court of Justice on Friday accusing Israel of genocidal acts in its military campaign in Gaza. Israel's foreign ministry rejected the accusation “with disgust” on Friday, calling it a “blood libel”.",
  [E("ZAF", "ISR", "11", "@Friday"), E("ISR", "ZAF", "12 11 01", "@Friday")], [E("ISR", "PSE", "19 20")])
S("2023-12-11", "MANILA - The Philippines accused China's coast guard on Sunday of firing water cannon at Philippine government vessels and ramming a supply boat near the disputed Second Thomas Shoal, in what the national security council called a “serious escalation”. Beijing said the Philippine boats had intruded into its waters.",
  [E("PHL", "CHN", "11", "@Sunday"), E("CHN", "PHL", "17 18 19 15", "@Sunday")], [E("CHN", "PHL", "11")])
S("2024-04-02", "TEHRAN - Iran's foreign ministry on Tuesday condemned an Israeli air strike that destroyed its consular building in Damascus on Monday, killing seven Revolutionary Guards officers including a senior commander, and Iranian officials vowed that the attack would not go unanswered.",
  [E("IRN", "ISR", "11"), E("ISR", "IRN", "19 18", "@Monday"), E("IRN", "ISR", "13")], [E("ISR", "SYR", "19 18")])
S("2017-06-06", "DOHA - Qatar on Monday denounced as “unjustified” a decision by Saudi Arabia, the United Arab Emirates, Bahrain and Egypt to sever diplomatic ties with it, after the four countries accused Doha of supporting terrorism and cut air, sea and land links with the Gulf state on Monday.",
  [E("QAT", "SAU|ARE|BHR|EGY", "11", "@Monday"), E("SAU", "QAT", "16", "@Monday"), E("ARE", "QAT", "16", "@Monday"),
   E("BHR", "QAT", "16", "@Monday"), E("EGY", "QAT", "16", "@Monday")],
  [E("SAU|ARE|BHR|EGY", "QAT", "11 19")])

# ---------------------------------------------------------------- 12 reject
S("2023-12-05", "GEORGETOWN - Guyana on Monday rejected the outcome of a Venezuelan referendum on Caracas's claim to the oil-rich Essequibo region, with President Irfaan Ali telling the nation that Guyana's borders were “not up for negotiation” and that the country was on alert.",
  [E("GUY", "VEN", "12", "@Monday")], [E("VEN", "GUY", "13 11"), E("GUY", "VEN", "15")])
S("2025-02-08", "TEHRAN - Iran's Supreme Leader Ayatollah Ali Khamenei on Friday ruled out negotiations with the United States, describing talks with Washington as “not smart, wise or honourable”, days after President Donald Trump restored his campaign of “maximum pressure” on Tehran.",
  [E("IRN", "USA", "12", "@Friday")], [E("USA", "IRN", "16 13"), E("IRN", "USA", "11")])
S("2020-06-25", "ADDIS ABABA - Ethiopia on Wednesday rejected Egypt's call for the U.N. Security Council to intervene in their dispute over the Grand Ethiopian Renaissance Dam, and said it would begin filling the reservoir in July as planned, with or without an agreement.",
  [E("ETH", "EGY", "12", "@Wednesday")], [E("EGY", "IGO", "02"), E("ETH", "EGY", "13")])
S("2022-05-17", "BUDAPEST - Hungary on Monday refused to back a proposed European Union embargo on Russian oil imports, with Foreign Minister Peter Szijjarto saying Budapest would only agree if the bloc paid for a costly overhaul of its energy system.",
  [E("HUN", "IGO", "12", "@Monday")], [E("HUN", "IGO", "10")], [E("IGO", "RUS", "16")])
S("2024-08-14", "PORT SUDAN - Sudan's army-aligned government said on Tuesday it would not send a delegation to U.S.-brokered ceasefire talks in Switzerland, saying Washington had ignored its objections to the format and to the participation of the United Arab Emirates.",
  [E("SDN", "USA", "12", "@Tuesday")], [E("SDN", "USA|ARE", "11")], [E("SDN", "USA", "04")])

# ---------------------------------------------------------------- 13 threaten
S("2017-08-10", "SEOUL - North Korea said on Wednesday it was examining plans to fire missiles at the U.S. Pacific territory of Guam, hours after U.S. President Donald Trump warned on Tuesday that any threat from Pyongyang would be met with “fire and fury like the world has never seen”.",
  [E("PRK", "USA", "13", "@Wednesday"), E("USA", "PRK", "13", "@Tuesday")], [], [E("PRK", "USA", "19")])
S("2022-05-26", "ANKARA - Turkish President Tayyip Erdogan said on Monday that Turkey would soon launch a new military operation along its southern border with Syria to push back Kurdish YPG militants and create a 30-km deep “safe zone”.",
  [E("TUR", "SYR", "13", "@Monday")], [], [E("TUR", "SYR", "19")])
S("2023-04-05", "MOSCOW - Russia warned on Tuesday that it would strengthen its military capabilities in its western and north-western regions in response to Finland joining NATO, which the Nordic country formally did on Tuesday, doubling the length of the alliance's border with Russia.",
  [E("RUS", "FIN", "13", "@Tuesday"), E("FIN", "IGO", "05", "@Tuesday")], [E("RUS", "IGO", "13 11")])
S("2025-01-27", "BOGOTA - U.S. President Donald Trump threatened on Sunday to impose 25% tariffs on all Colombian goods after President Gustavo Petro turned back two U.S. military aircraft carrying deported migrants, saying his country would only accept flights that treated its citizens “with dignity”.",
  [E("USA", "COL", "13", "@Sunday"), E("COL", "USA", "12")], [E("USA", "COL", "17 16")])
S("2023-12-06", "CARACAS - Venezuelan President Nicolas Maduro on Tuesday ordered the state oil company to grant licences for crude extraction in Essequibo, a region administered by neighbouring Guyana, and gave foreign oil companies operating there three months to leave.",
  [E("VEN", "GUY", "13 12 17", "@Tuesday")], [], [E("VEN", "GUY", "19")])
S("2019-02-16", "NEW DELHI - Indian Prime Minister Narendra Modi on Friday warned Pakistan that it would pay a “heavy price” for a suicide car bombing in Kashmir that killed 40 paramilitary police on Thursday, and his government withdrew Pakistan's most-favoured-nation trade status. The Pakistan-based Jaish-e-Mohammad group claimed the attack.",
  [E("IND", "PAK", "13", "@Friday"), E("IND", "PAK", "16", "@Friday"), E("PAK", "IND", "18", "@Thursday")],
  [E("PAK", "IND", "01"), E("IND", "PAK", "11")])

# ---------------------------------------------------------------- 14 protest
S("2024-06-26", "NAIROBI - Protesters stormed Kenya's parliament on Tuesday and set part of the building ablaze as lawmakers passed contested tax increases, and police opened fire on crowds outside, killing at least five people, medics said.",
  [E("KEN", "KEN", "14", "@Tuesday"), E("KEN", "KEN", "17 18 19", "@Tuesday")])
S("2024-11-03", "NOVI SAD, Serbia - Tens of thousands of people marched through Novi Sad on Saturday to honour the 14 people killed when a concrete canopy collapsed at the city's railway station, and to demand the resignation of officials they blame for shoddy renovation work.",
  [E("SRB", "SRB", "14", "@Saturday")], [E("SRB", "SRB", "02 10 01")])
S("2024-12-01", "TBILISI - Georgian riot police fired water cannon and tear gas at thousands of protesters outside parliament for a third night on Saturday, after the ruling Georgian Dream party said it would suspend talks on joining the European Union until 2028.",
  [E("GEO", "GEO", "14", "@Saturday"), E("GEO", "GEO", "17", "@Saturday")], [E("GEO", "IGO", "16 12")])
S("2015-06-29", "JERUSALEM - Palestinian detainee Khader Adnan, held by Israel without charge under so-called administrative detention, has refused food for more than 50 days, his lawyer said, and Israeli prison doctors have warned that his life is at risk.",
  [E("PSE", "ISR", "14"), E("ISR", "PSE", "17")])
S("2023-08-10", "MANILA - Dozens of Filipino activists rallied outside the Chinese consulate in Makati on Wednesday to protest the Chinese coast guard's use of water cannon on Saturday against a Philippine boat carrying supplies to troops stationed at the Second Thomas Shoal.",
  [E("PHL", "CHN", "14", "@Wednesday"), E("CHN", "PHL", "17 18 19 15", "@Saturday")])
S("2024-07-19", "DHAKA - Students protesting against job quotas set fire to the headquarters of Bangladesh's state television on Thursday and clashed with police and ruling-party activists across the capital, where police fired rubber bullets and tear gas, leaving at least 25 people dead.",
  [E("BGD", "BGD", "14", "@Thursday"), E("BGD", "BGD", "17 18 19", "@Thursday")])

# ---------------------------------------------------------------- 15 force posture
S("2024-05-24", "TAIPEI - China launched two days of large-scale military drills around Taiwan on Thursday, sending warships and bombers to practise what state media called “seizing power” over the island. Taiwan's defence ministry condemned the exercises as an irrational provocation and scrambled jets.",
  [E("CHN", "TWN", "15", "@Thursday"), E("TWN", "CHN", "11")], [E("TWN", "CHN", "15")], [E("CHN", "TWN", "19")])
S("2021-11-13", "KYIV - Russia has massed about 100,000 troops near Ukraine's borders, Ukraine's defence minister told parliament on Friday, describing the build-up as a threat to European security and urging Western partners to prepare sanctions.",
  [E("RUS", "UKR", "15")], [E("UKR", "WST|IGO|USA", "02"), E("UKR", "RUS", "11")], [E("RUS", "UKR", "19")])
S("2023-12-29", "CARACAS - Venezuela began military exercises near its border with Guyana on Thursday, involving more than 5,000 troops, in response to the arrival in Guyanese waters of a British navy patrol vessel that President Nicolas Maduro called a threat.",
  [E("VEN", "GUY|GBR", "15", "@Thursday"), E("GBR", "GUY", "06 07 15 04")], [E("VEN", "GBR", "11 13")])
S("2025-05-02", "ISLAMABAD - Pakistan's army has put troops along the Line of Control in Kashmir on high alert, security officials said on Thursday, as the government accused India of planning a military strike in retaliation for last week's killing of 26 tourists near Pahalgam.",
  [E("PAK", "IND", "15"), E("PAK", "IND", "11 01")], [E("IND", "PAK", "11")], [E("IND", "PAK", "19")])
S("2022-04-02", "COLOMBO - Sri Lankan President Gotabaya Rajapaksa declared a state of public emergency on Friday, giving security forces sweeping powers to arrest and detain suspects, a day after protesters tried to storm his private residence over severe shortages of fuel and food.",
  [E("LKA", "LKA", "15 17", "@Friday"), E("LKA", "LKA", "14")])
S("2023-04-14", "SEOUL - North Korea test-fired a new type of solid-fuel intercontinental ballistic missile on Thursday that landed in the sea east of the Korean peninsula, prompting Japan to briefly order residents of Hokkaido to take cover. Tokyo lodged a protest through diplomatic channels in Beijing.",
  [E("PRK", "JPN|KOR|USA", "15 13", "@Thursday"), E("JPN", "PRK", "11")])

# ---------------------------------------------------------------- 16 reduce relations
S("2022-10-18", "LUXEMBOURG - The European Union imposed sanctions on Monday on Iran's morality police and several senior security officials over the death in custody of Mahsa Amini and the violent crackdown on the protests that followed.",
  [E("IGO", "IRN", "16", "@Monday"), E("IRN", "IRN", "17 18")], [E("IRN", "IRN", "14")])
S("2023-08-26", "NIAMEY - Niger's military rulers on Friday ordered the French ambassador, Sylvain Itte, to leave the country within 48 hours. France said the putschists had no authority to make such a request and that the envoy would stay.",
  [E("NER", "FRA", "16 17", "@Friday"), E("FRA", "NER", "12")])
S("2021-08-25", "ALGIERS - Algeria cut diplomatic relations with Morocco on Tuesday, accusing its neighbour of “hostile actions”, including support for a separatist group. Morocco's foreign ministry dismissed the reasons given as “completely absurd”.",
  [E("DZA", "MAR", "16", "@Tuesday"), E("DZA", "MAR", "11", "@Tuesday"), E("MAR", "DZA", "12 11")])
S("2024-01-29", "OUAGADOUGOU - The military governments of Mali, Burkina Faso and Niger announced on Sunday the immediate withdrawal of their countries from the Economic Community of West African States, accusing the bloc of being under foreign influence.",
  [E("MLI", "IGO", "16", "@Sunday"), E("BFA", "IGO", "16", "@Sunday"), E("NER", "IGO", "16", "@Sunday")],
  [E("MLI|BFA|NER", "IGO", "11")])
S("2023-06-09", "ADDIS ABABA - The United States and the World Food Programme have suspended food aid to Ethiopia after discovering what U.S. officials described as a widespread and coordinated scheme to divert donated grain, the agencies said.",
  [E("USA", "ETH", "16"), E("IGO", "ETH", "16")], [E("USA|IGO", "ETH", "11 09")])

# ---------------------------------------------------------------- 17 coerce
S("2024-07-20", "YEKATERINBURG, Russia - A Russian court on Friday convicted Wall Street Journal reporter Evan Gershkovich of espionage and sentenced him to 16 years in a maximum-security penal colony. The White House denounced the verdict as a sham.",
  [E("RUS", "USA", "17 11", "@Friday"), E("USA", "RUS", "11")])
S("2023-05-10", "ISLAMABAD - Former Pakistani Prime Minister Imran Khan was arrested on Tuesday by paramilitary Rangers inside the grounds of the Islamabad High Court, and his supporters attacked military installations in several cities in protest.",
  [E("PAK", "PAK", "17", "@Tuesday"), E("PAK", "PAK", "14 18", "@Tuesday")])
S("2023-03-28", "BEIJING - Chinese authorities have detained a Japanese employee of drugmaker Astellas Pharma in Beijing on suspicion of espionage, Japan's government said on Monday, demanding his early release.",
  [E("CHN", "JPN", "17"), E("JPN", "CHN", "10 02", "@Monday")])
S("2025-02-06", "GUATEMALA CITY - A U.S. military aircraft carrying 64 Guatemalans deported from the United States landed at an air force base in Guatemala City on Wednesday, the country's migration institute said.",
  [E("USA", "GTM", "17", "@Wednesday")], [E("GTM", "USA", "06 05")])
S("2024-04-14", "DUBAI - Iran's Revolutionary Guards seized the Portuguese-flagged container ship MSC Aries near the Strait of Hormuz on Saturday, saying it was linked to Israel, hours before Tehran launched drones and missiles at Israeli territory.",
  [E("IRN", "PRT", "17 18", "@Saturday"), E("IRN", "ISR", "19", "@Saturday")], [E("IRN", "ISR", "17")])

# ---------------------------------------------------------------- 18 assault
S("2024-03-09", "KADUNA, Nigeria - Gunmen abducted at least 287 pupils and staff from a school in the village of Kuriga, in northwestern Kaduna state, on Thursday, residents and a local official said, in the largest mass kidnapping in the country in three years.",
  [E("NGA", "NGA", "18", "@Thursday")])
S("2023-01-31", "PESHAWAR, Pakistan - A suicide bomber blew himself up inside a mosque in a heavily guarded police compound in the northwestern city of Peshawar on Monday, killing at least 59 people, most of them police officers attending afternoon prayers.",
  [E("PAK", "PAK", "18", "@Monday")])
S("2022-07-01", "ABUJA - Gunmen attacked a mining site in Nigeria's Niger state on Wednesday, killing more than 30 soldiers, police officers and civilians and kidnapping four Chinese workers, police and local officials said.",
  [E("NGA", "CHN", "18", "@Wednesday"), E("NGA", "NGA", "18 19", "@Wednesday")])
S("2024-08-01", "TEHRAN - Hamas political leader Ismail Haniyeh was killed in an Israeli strike on his residence in Tehran early on Wednesday, Hamas and Iran's Revolutionary Guards said. Iran's supreme leader vowed “harsh punishment” for Israel.",
  [E("ISR", "PSE", "18 19", "@Wednesday"), E("IRN", "ISR", "13")], [E("ISR", "IRN", "18 19")])
S("2021-03-30", "MAPUTO - Islamist insurgents who attacked the town of Palma in northern Mozambique on Wednesday killed dozens of people, including foreign contractors, the government said, as thousands of survivors fled by boat and on foot.",
  [E("MOZ", "MOZ", "18 19 20", "@Wednesday")])
S("2019-04-22", "COLOMBO - Suicide bombers struck three churches and three luxury hotels in Sri Lanka on Sunday, killing more than 200 people in the deadliest violence the island has seen since the end of its civil war a decade ago.",
  [E("LKA", "LKA", "18 20", "@Sunday")])

# ---------------------------------------------------------------- 19 fight
S("2023-09-20", "YEREVAN - Azerbaijan launched what it called “anti-terrorist” operations in Nagorno-Karabakh on Tuesday, shelling positions of ethnic Armenian forces, while Armenia accused Baku of seeking the ethnic cleansing of the enclave's 120,000 Armenians.",
  [E("AZE", "ARM", "19", "@Tuesday"), E("ARM", "AZE", "11")], [E("AZE", "AZE", "19")])
S("2023-04-16", "KHARTOUM - Fierce fighting broke out on Saturday between Sudan's army and the paramilitary Rapid Support Forces in Khartoum and other cities, with the rival forces battling for control of the presidential palace and the international airport.",
  [E("SDN", "SDN", "19", "@Saturday")])
S("2025-07-25", "BANGKOK - Thailand launched air strikes on Cambodian military targets on Thursday as clashes between the neighbours' troops along their disputed border killed at least 12 people, most of them Thai civilians, officials said.",
  [E("THA", "KHM", "19", "@Thursday"), E("KHM", "THA", "19", "@Thursday")])
S("2025-05-08", "ISLAMABAD - India launched missile strikes on nine sites in Pakistan and Pakistani-administered Kashmir on Wednesday, saying it had hit “terrorist infrastructure”, and Pakistan said it had shot down five Indian fighter jets.",
  [E("IND", "PAK", "19", "@Wednesday"), E("PAK", "IND", "19")])
S("2024-01-13", "SANAA - The United States and Britain carried out air and sea strikes against Houthi military targets across Yemen on Friday in response to the group's attacks on Red Sea shipping, and the Houthis vowed to retaliate.",
  [E("USA", "YEM", "19", "@Friday"), E("GBR", "YEM", "19", "@Friday"), E("YEM", "USA|GBR", "13")])

# ---------------------------------------------------------------- 20 mass violence
S("2023-04-12", "YANGON - Myanmar's military carried out an air strike on a gathering of opponents of army rule in the Sagaing region village of Pazigyi on Tuesday, killing as many as 100 people, including children, witnesses said. The U.N. human rights chief condemned the attack.",
  [E("MMR", "MMR", "20 19", "@Tuesday"), E("IGO", "MMR", "11")])
S("2018-04-09", "DOUMA, Syria - Dozens of people were killed in a suspected poison gas attack on the rebel-held town of Douma on Saturday, rescue workers said. U.S. President Donald Trump blamed the Syrian government, which denied carrying out any chemical attack.",
  [E("SYR", "SYR", "20", "@Saturday"), E("USA", "SYR", "11")], [E("SYR", "USA", "01 12")])
S("2024-08-27", "OUAGADOUGOU - Jihadist fighters killed hundreds of civilians and soldiers who were digging defensive trenches around the town of Barsalogho in central Burkina Faso on Saturday, security sources and residents said.",
  [E("BFA", "BFA", "20 18", "@Saturday")])
S("2017-09-12", "GENEVA - The U.N. human rights chief on Monday denounced Myanmar's military operation against Rohingya Muslims in Rakhine state as “a textbook example of ethnic cleansing”, as the number of refugees who have fled into Bangladesh passed 300,000.",
  [E("IGO", "MMR", "11", "@Monday"), E("MMR", "MMR", "20")], [E("MMR", "BGD", "20")])
S("2025-10-29", "PORT SUDAN - Fighters of the paramilitary Rapid Support Forces killed hundreds of civilians after seizing the city of El Fasher from the army on Sunday, aid groups and the army-aligned government said.",
  [E("SDN", "SDN", "20"), E("SDN", "SDN", "19", "@Sunday")])
S("2014-08-11", "ERBIL, Iraq - Islamic State militants have killed at least 500 members of Iraq's Yazidi minority during their offensive in the north, an Iraqi minister said, and U.S. aircraft struck militant positions near Sinjar mountain on Sunday.",
  [E("IRQ", "IRQ", "20"), E("USA", "IRQ", "19", "@Sunday")])

# ================================================================ articles (2-5 sentences)
A("2025-03-27", "BEIRUT - Lebanon filed a complaint with the U.N. Security Council on Wednesday over Israeli air strikes that killed 12 people in the south of the country earlier this week. The foreign ministry said the strikes were a flagrant violation of Resolution 1701 and of the ceasefire. It also called on France and the United States, which brokered the truce in November, to press Israel to halt its attacks. Israel's military said it had targeted Hezbollah weapons depots.",
  [E("LBN", "ISR|IGO", "11", "@Wednesday"), E("ISR", "LBN", "19 18"), E("LBN", "FRA", "02"), E("LBN", "USA", "02")],
  [E("LBN", "IGO", "02")])
A("2024-12-12", "ANKARA - Ethiopian Prime Minister Abiy Ahmed and Somali President Hassan Sheikh Mohamud agreed on Wednesday to work towards ending a year-long dispute over Ethiopia's bid for access to the sea, after talks brokered by Turkish President Tayyip Erdogan. The two leaders met separately with Erdogan before holding face-to-face talks late into the night. He said they had agreed to begin technical negotiations by February and thanked both men for their courage.",
  [E("ETH", "SOM", "03 05", "@Wednesday", sym=True), E("TUR", "ETH", "04", "@Wednesday"), E("TUR", "SOM", "04", "@Wednesday"),
   E("ETH", "SOM", "04", "@Wednesday", sym=True)],
  [E("TUR", "ETH|SOM", "05 01"), E("ETH|SOM", "TUR", "04")])
A("2022-10-10", "SEOUL - North Korea fired two short-range ballistic missiles into the sea off its east coast on Sunday, South Korea's military said. It was the country's seventh launch in two weeks. Seoul's Joint Chiefs of Staff condemned the launches as a grave provocation and said it had stepped up surveillance in close coordination with the United States. Japan said the missiles had not entered its exclusive economic zone.",
  [E("PRK", "KOR|JPN|USA", "15 13", "@Sunday"), E("KOR", "PRK", "11")],
  [E("KOR", "USA", "06 04", sym=True), E("KOR", "PRK", "15")], [E("PRK", "JPN", "19 18")])
A("2024-03-23", "CARACAS - Venezuelan intelligence agents on Thursday arrested two aides of opposition leader Maria Corina Machado, whom the attorney general accused of plotting violence ahead of July's presidential election. The United States and the European Union condemned the arrests, and Washington called for the aides' immediate release. The government dismissed the criticism as interference in the country's internal affairs.",
  [E("VEN", "VEN", "17", "@Thursday"), E("USA", "VEN", "11"), E("IGO", "VEN", "11"), E("USA", "VEN", "10 02"),
   E("VEN", "USA|IGO", "12 11")],
  [E("VEN", "VEN", "11"), E("IGO", "VEN", "10 02")])
A("2022-10-31", "KINSHASA - The Democratic Republic of Congo on Saturday ordered Rwanda's ambassador to leave the country within 48 hours, accusing Kigali of backing M23 rebels who had captured two towns in the east of the country. The decision followed an emergency meeting of the country's top defence council. The government said the rebels had seized Kiwanja and Rutshuru on Saturday. Rwanda said it took note of the decision and accused the Congolese army of firing rockets onto its territory.",
  [E("COD", "RWA", "16 17", "@Saturday"), E("COD", "RWA", "11", "@Saturday"), E("COD", "COD", "19", "@Saturday"),
   E("RWA", "COD", "11")],
  [E("COD", "RWA", "19"), E("RWA", "COD", "19 07 06")])
A("2024-04-07", "MEXICO CITY - Mexico broke off diplomatic relations with Ecuador on Friday after Ecuadorean police forced their way into the Mexican embassy in Quito and arrested former Vice President Jorge Glas, who had taken refuge there. President Andres Manuel Lopez Obrador called the raid a flagrant violation of international law. Ecuador's government said Glas had been granted asylum illegally. Mexico said it would take the case to the International Court of Justice.",
  [E("MEX", "ECU", "16", "@Friday"), E("ECU", "MEX", "17 18", "@Friday"), E("ECU", "ECU", "17", "@Friday"),
   E("MEX", "ECU", "11")],
  [E("ECU", "MEX", "11 12"), E("MEX", "ECU", "07")])
A("2024-12-24", "DHAKA - Bangladesh's interim government asked India on Monday to send back ousted Prime Minister Sheikh Hasina to face trial over the deaths of hundreds of protesters. The foreign ministry said it had sent a diplomatic note to New Delhi. Hasina fled to India in August after weeks of student-led protests. India confirmed it had received the note but declined to comment further.",
  [E("BGD", "IND", "02 10", "@Monday")],
  [E("IND", "BGD", "01"), E("BGD", "BGD", "14 17"), E("IND", "BGD", "07")],
  [E("IND", "BGD", "06 08")])
A("2025-03-14", "JUBA - South Sudanese security forces on Thursday arrested Oil Minister Puot Kang Chol, an ally of First Vice President Riek Machar, after clashes in the northern town of Nasir. Machar's party said the arrest violated the 2018 peace agreement. It urged the regional guarantors of the deal, Uganda and Sudan, to intervene. Uganda deployed special forces to Juba on Tuesday “to secure” the capital, its army chief said.",
  [E("SSD", "SSD", "17", "@Thursday"), E("SSD", "UGA", "02"), E("SSD", "SDN", "02"), E("UGA", "SSD", "07 06 15", "@Tuesday")],
  [E("SSD", "SSD", "11 19")])
A("2023-09-04", "BAGHDAD - Iraq's foreign ministry summoned Turkey's charge d'affaires on Sunday after a Turkish drone strike killed three people in the Kurdistan region. The ministry handed him a protest note and demanded that Ankara stop violating Iraqi sovereignty. Turkey's defence ministry said its forces had “neutralised” militants of the Kurdistan Workers' Party in the area.",
  [E("TUR", "IRQ", "19 18"), E("IRQ", "TUR", "11", "@Sunday"), E("IRQ", "TUR", "10", "@Sunday")],
  [E("IRQ", "TUR", "04")])
A("2023-02-11", "WARSAW - Poland closed the Bobrowniki crossing on its border with Belarus indefinitely on Friday, days after a Belarusian court sentenced journalist Andrzej Poczobut, a member of the country's Polish minority, to eight years in prison. The interior ministry said the move was in the interest of Poland's security. Minsk called the decision unfriendly and said it would respond.",
  [E("POL", "BLR", "16 19 17", "@Friday"), E("BLR", "BLR", "17"), E("BLR", "POL", "11")],
  [E("BLR", "POL", "13 17")])
A("2022-12-09", "LIMA - Peruvian police arrested former President Pedro Castillo on Wednesday, hours after Congress voted to remove him from office for attempting to dissolve the legislature. He had announced earlier in the day that he would govern by decree. Mexico's president said his country would offer him asylum, a move the new government in Lima called interference.",
  [E("PER", "PER", "17", "@Wednesday"), E("MEX", "PER", "03 07"), E("PER", "MEX", "11 12")],
  [E("PER", "PER", "16 12 11 15")])
A("2024-12-28", "BEIJING - China placed seven U.S. defence companies on its unreliable entity list on Friday, a week after Washington approved a $295 million arms sale to Taiwan. The commerce ministry said the sale seriously violated the one-China principle. It said the firms would be barred from import and export activities related to China. The U.S. State Department said the sale was consistent with longstanding policy.",
  [E("CHN", "USA", "16", "@Friday"), E("USA", "TWN", "07 06 03"), E("CHN", "USA", "11")],
  [E("USA", "CHN", "12 01")])
A("2022-02-01", "BAMAKO - Mali's transitional government on Monday gave the French ambassador 72 hours to leave the country. The foreign ministry said the decision followed hostile and outrageous comments by French officials. France said it took note and would consult its European partners about its military presence in the country. The French foreign minister had called the junta illegitimate last week.",
  [E("MLI", "FRA", "16 17", "@Monday"), E("FRA", "MLI", "11")],
  [E("MLI", "FRA", "11"), E("FRA", "IGO", "04"), E("FRA", "MLI", "12")])
A("2023-11-22", "DOHA - Qatar said on Tuesday that Israel and Hamas had agreed to a four-day truce in Gaza. The Gulf state, which mediated alongside Egypt and the United States, said the pause would allow the release of 50 hostages held in the enclave in exchange for Palestinian prisoners held by Israel. Its foreign ministry said more aid trucks would also enter the territory. Israel's cabinet approved the deal after a six-hour meeting.",
  [E("ISR", "PSE", "03 05", "@Tuesday", sym=True), E("QAT", "ISR", "04"), E("QAT", "PSE", "04")],
  [E("EGY|USA", "ISR|PSE", "04")], [E("PSE", "ISR", "08"), E("ISR", "PSE", "08")])
A("2024-10-31", "NEW DELHI - Indian and Chinese troops completed disengagement at two friction points along their disputed Himalayan border on Wednesday, India's defence ministry said. The ministry said coordinated patrolling would resume soon. The step came a week after Prime Minister Narendra Modi and President Xi Jinping held their first formal talks in five years on the sidelines of a summit in the Russian city of Kazan.",
  [E("IND", "CHN", "08", "@Wednesday", sym=True), E("IND", "CHN", "04", sym=True)],
  [E("IND", "CHN", "03 05 06", sym=True)], [E("IND", "CHN", "19", sym=True)])

# ================================================================ traps (no codable event)
# sports
T("2022-12-11", "DOHA - Morocco beat Portugal 1-0 on Saturday to become the first African team to reach a World Cup semi-final, with Youssef En-Nesyri's header sending tens of thousands of jubilant fans onto the streets of Rabat, Casablanca and Paris.",
  [E("MAR", "PRT", "17 18 19"), E("MAR", "MAR", "14")])
T("2025-03-26", "BUENOS AIRES - Argentina thrashed Brazil 4-1 in a World Cup qualifier at the Monumental stadium on Tuesday, sealing their place at next year's tournament and deepening the crisis around Brazil coach Dorival Junior.",
  [E("ARG", "BRA", "17 18 19")])
T("2024-10-19", "MULTAN, Pakistan - Pakistan's spinners bowled England out for 144 on Friday as the hosts won the second Test by 152 runs to level the three-match series, with Noman Ali taking eight wickets in the innings.",
  [E("PAK", "GBR", "18 19")])
T("2024-07-08", "PARIS - Kenya's Faith Kipyegon broke her own women's 1,500 metres world record at the Paris Diamond League meeting on Sunday, clocking 3 minutes 49.04 seconds three weeks before the Olympic Games open in the French capital.",
  [E("KEN", "FRA", "04 05")])
T("2023-10-29", "PARIS - South Africa beat New Zealand 12-11 in a tense final at the Stade de France on Saturday to win the Rugby World Cup for a record fourth time, with captain Siya Kolisi lifting the trophy in front of President Cyril Ramaphosa.",
  [E("ZAF", "NZL", "17 18 19")])
T("2024-02-17", "SEOUL - The Korea Football Association sacked national team coach Juergen Klinsmann on Friday after a disappointing Asian Cup campaign, ending the German's year-long tenure amid reports of a dressing-room fight between senior players.",
  [E("KOR", "DEU", "12 16 17"), E("KOR", "KOR", "18")])
# markets
T("2024-04-30", "TOKYO - The yen slid past 160 per dollar on Monday for the first time in 34 years before rebounding sharply, prompting traders to speculate that Japanese authorities had stepped into the market; the finance ministry declined to confirm any action.",
  [E("JPN", "USA", "16 06")])
T("2025-02-28", "MUMBAI - Indian shares fell for a seventh straight session on Thursday as foreign investors kept selling, with the Nifty 50 index dropping 0.4% and information technology stocks leading losses, traders said.",
  [E("IND", "USA", "16")])
T("2024-10-08", "LONDON - Brent crude futures rose more than 2% on Monday as traders priced in the risk of supply disruptions from the Middle East, while a tropical storm threatened refineries on the U.S. Gulf Coast.",
  [E("USA", "USA", "19")])
T("2024-06-19", "JOHANNESBURG - South Africa's rand firmed against the dollar on Tuesday, extending a rally that has taken it to its strongest level in nearly a year, as investors bet that slowing inflation would allow interest rates to fall later this year.",
  [E("ZAF", "USA", "06")])
T("2025-05-10", "BEIJING - China's exports to the United States fell 21% in April from a year earlier, customs data showed on Friday, while shipments to Southeast Asian nations jumped, suggesting manufacturers were redirecting goods.",
  [E("CHN", "USA", "16 06"), E("USA", "CHN", "16")])
# weather / disasters
T("2023-07-27", "MANILA - Typhoon Doksuri slammed into the northern Philippines on Wednesday, tearing roofs off houses, triggering landslides and cutting power to several provinces as it headed toward southern China.",
  [E("PHL", "CHN", "19")])
T("2024-05-27", "DHAKA - Cyclone Remal made landfall between the coasts of Bangladesh and India's West Bengal state late on Sunday, lashing low-lying areas with winds of up to 135 km per hour and a storm surge of several metres.",
  [E("BGD", "IND", "19 18")])
T("2017-03-20", "LIMA - Torrential rains and mudslides in Peru have killed at least 75 people since the start of the year and destroyed more than 100 bridges, as a warming of coastal waters drives unusually heavy downpours in the Andes.")
T("2024-09-06", "NIAMEY - Flooding after weeks of heavy seasonal rain has killed at least 265 people in Niger this year and affected more than 700,000, the civil protection service said, warning that water levels on the Niger river were still rising.")
T("2023-09-09", "MARRAKECH, Morocco - A powerful earthquake struck Morocco's High Atlas mountains late on Friday, killing hundreds of people and damaging buildings in the historic city of Marrakech, the interior ministry said.")
# culture
T("2024-05-26", "CANNES, France - Indian director Payal Kapadia's “All We Imagine as Light” won the Grand Prix at the Cannes Film Festival on Saturday, the first Indian film in three decades to compete for the festival's top prizes.",
  [E("FRA", "IND", "05 07")])
T("2022-04-30", "NEW YORK - Nigerian Afrobeats star Burna Boy sold out Madison Square Garden on Thursday, becoming the first African artist to headline the arena with a solo show, in a concert attended by thousands of members of the diaspora.",
  [E("NGA", "USA", "04")])
T("2024-10-11", "STOCKHOLM - South Korean novelist Han Kang won the 2024 Nobel Prize in Literature on Thursday, the Swedish Academy said, praising her “intense poetic prose that confronts historical traumas”.",
  [E("SWE", "KOR", "05 07 01")])
T("2024-10-29", "MEXICO CITY - Archaeologists have discovered a previously unknown Maya city hidden beneath jungle in Mexico's Campeche state, using laser mapping data originally gathered for an environmental survey, researchers said.")
# negation
T("2020-01-10", "ANKARA - Turkey has not deployed combat troops to Libya, a Turkish defence ministry official said on Thursday, dismissing as unfounded reports that a brigade was preparing to sail for Tripoli.",
  [E("TUR", "LBY", "15 19 06 07")])
T("2025-07-16", "BRUSSELS - European Union foreign ministers failed on Tuesday to agree on any measures against Israel over its conduct of the war in Gaza, with several governments blocking proposals to suspend parts of a trade agreement.",
  [E("IGO", "ISR", "16")], [E("IGO", "ISR", "12 01"), E("IGO", "IGO", "12")])
T("2023-07-20", "JOHANNESBURG - Russian President Vladimir Putin will not travel to Johannesburg for the BRICS summit next month, South Africa's presidency said on Wednesday, and Foreign Minister Sergei Lavrov is expected to attend instead.",
  [E("RUS", "ZAF", "04"), E("ZAF", "RUS", "17")], [E("RUS", "ZAF", "12 01")])
T("2022-02-22", "WASHINGTON - The United States has no intention of sending combat troops into Ukraine to fight Russia, the Pentagon press secretary said on Monday, reiterating a position stated repeatedly by President Joe Biden.",
  [E("USA", "UKR", "15 19 07"), E("USA", "RUS", "19")], [E("USA", "UKR|RUS", "01 12")])
T("2022-04-09", "NEW DELHI - India's foreign ministry said on Friday it had received no request from Sri Lanka for military assistance and was not considering sending troops to the island, dismissing social media speculation.",
  [E("LKA", "IND", "02"), E("IND", "LKA", "07 15")], [E("IND", "LKA", "01 12")])
T("2022-06-05", "SEOUL - North Korea has not carried out a nuclear test despite weeks of preparations detected by satellites at its Punggye-ri site, South Korean officials said, adding that they saw no sign one was imminent.",
  [E("PRK", "KOR|USA", "15 20 13")], [E("KOR", "PRK", "09 01")])
T("2024-09-15", "ABUJA - Nigeria's air force on Saturday denied reports that its aircraft had bombed a village in northwestern Sokoto state, saying no military aircraft had flown over the area that day.",
  [E("NGA", "NGA", "19 20")], [E("NGA", "NGA", "01")])
# hypotheticals
T("2024-02-05", "NAIROBI - If Ethiopia were to seize a Red Sea port by force, Eritrea would almost certainly respond militarily and could draw in Egypt, analysts at a Nairobi-based think tank wrote in a report published on Monday.",
  [E("ETH", "ERI", "19 15"), E("ERI", "ETH", "19"), E("EGY", "ETH", "19")])
T("2024-06-10", "PORT-AU-PRINCE - Should the multinational security mission in Haiti fail to secure funding, Kenya might be forced to scale back its deployment, a report by a Washington-based research group suggested.",
  [E("KEN", "HTI", "16 08")])
T("2022-11-28", "CHISINAU - A full halt of Russian gas deliveries to Moldova this winter could cut the country's output by a tenth and leave hundreds of thousands of homes without heating, economists at a local institute estimated.",
  [E("RUS", "MDA", "16")])
T("2024-01-09", "SINGAPORE - A Chinese naval blockade of Taiwan would cost the global economy about $5 trillion in its first year, according to estimates published by a financial research firm on Monday.",
  [E("CHN", "TWN", "19 15 16")])
T("2023-10-24", "LONDON - A Houthi attack on Saudi oil facilities would send crude above $100 a barrel, analysts at a London brokerage said, in a scenario they described as unlikely but not negligible.",
  [E("YEM", "SAU", "18 19")])
# questions
T("2024-03-14", "ANKARA - Will Turkey send troops to Gaza? The question has hung over Ankara since ministers floated the idea of a guarantor role, but officials have offered few details on what such a force would do, or whether Israel would accept it.",
  [E("TUR", "PSE", "15 07 06"), E("ISR", "TUR", "12")], [E("TUR", "PSE", "01 03")])
T("2023-04-20", "BRASILIA - Can Brazil broker peace between Russia and Ukraine? Diplomats in Brasilia are divided on whether President Lula's idea of a club of neutral mediators has any chance of winning support in Moscow or Kyiv.",
  [E("BRA", "RUS|UKR", "04 03")])
T("2022-03-25", "MADRID - Could Algeria turn off the gas to Spain? Energy traders are asking after Madrid's shift on Western Sahara, though Algerian officials have so far said nothing on the matter.",
  [E("DZA", "ESP", "16 13")], [E("ESP", "MAR", "05 03"), E("DZA", "ESP", "11")])
T("2024-07-02", "NEW DELHI - Is India about to lift its ban on Chinese apps such as TikTok? Industry executives say they have seen no sign of it, despite talk of a thaw in relations.",
  [E("IND", "CHN", "08 16")])
# opinions
T("2023-03-02", "OPINION - Western governments have spent a year telling themselves that sanctions alone will bring Moscow to its knees. They won't. The sooner Europe builds the factories it needs for a long war, the better, writes our defence columnist.",
  [E("WST", "RUS", "16 08")])
T("2021-03-05", "EDITORIAL - Nigeria cannot keep answering school kidnappings with ransom payments and amnesty deals. A credible approach to banditry must start with policing the forests of the northwest, not with another committee.",
  [E("NGA", "NGA", "18 08")])
T("2024-11-20", "COMMENTARY - Mexico's leaders would do well to stay out of the quarrel between Washington and Caracas. Nothing about the history of the last two decades suggests that Mexican mediation would move either side.",
  [E("MEX", "USA|VEN", "04 03")])
T("2023-09-18", "OPINION - Europe's habit of paying North African governments to keep migrants away is a moral failure dressed up as pragmatism, and it has not even reduced arrivals on Italian shores, argues a former EU diplomat.",
  [], [E("IGO", "TUN|LBY", "06 05 07")])


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    rng = random.Random(20240611)
    items = ITEMS[:]
    rng.shuffle(items)
    out = []
    for n, (kind, pub, text, ev, opt, forb) in enumerate(items, 1):
        def fix(lst, dated=True):
            res = []
            for e in lst:
                e = dict(e)
                d = resolve(e.pop("date"), pub, text)
                assert dated or d is None
                if d:
                    e["date"] = d
                res.append(e)
            return res
        out.append({"id": f"ho-{n:03d}", "published": pub, "outlet": OUTLETS[n % len(OUTLETS)],
                    "kind": kind, "text": text, "events": fix(ev), "optional": fix(opt, False),
                    "forbidden": fix(forb, False)})
    with open(os.path.join(here, "heldout_gold.jsonl"), "w") as f:
        for o in out:
            f.write(json.dumps(o, ensure_ascii=False) + "\n")
    print(len(out), "items written")


if __name__ == "__main__":
    main()
