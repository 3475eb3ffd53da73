package triage

import (
	"testing"

	"github.com/los-bot/los"
)

// TestFamiliesRoundK holds the wording families of round K (the fresh
// blind set of 2026-12-07, its tuning part) with messages written for
// this test, not taken from any labelled set: positives in the family's
// own words and nearby negatives.
func TestFamiliesRoundK(t *testing.T) {
	tests := []familyCase{
		{"someone else", "Du får ikke til dette. Er det noen andre der som kan se på det?", hr},
		{"someone else", "Finst det nokon andre eg kan snakke med om rekninga?", hr},
		{"someone else", "Is there someone else I can talk to about this bill?", hr},
		{"someone else", "Kan noen andre i familien logge inn på Min side med sin BankID?", none},
		{"someone else", "Er det noen andre avtaler som passer bedre for hytta?", none},
		{"a call instead", "Kan jeg bli ringt opp i morgen formiddag i stedet?", hr},
		{"a call instead", "Eg vil heller ringje, kva nummer har de?", hr},
		{"a call instead", "Jeg blir ringt opp av selgere hele tiden, kan dere stoppe det?", none},
		{"passed on", "Kan saka mi sendast vidare til nokon som kjenner avtalen?", hr},
		{"passed on", "Kan fakturaen sendes videre til regnskapsføreren vår?", none},
		{"what the doctor said", "Legen sa at jeg må holde meg hjemme i flere måneder, kan jeg pause abonnementet?", ill},
		{"what the doctor said", "Fastlegen har sagt at eg ikkje kan jobbe på lenge, og no kom rekninga.", ill},
		{"what the doctor said", "I'm on long term sick leave and can't deal with the move myself.", ill},
		{"what the doctor said", "Kan dere sende fakturaen til legekontoret der jeg jobber?", none},
		{"an empty account", "Kontoen har vært tom siden nyttår, kan jeg få litt lengre frist?", fin},
		{"an empty account", "Eg er tom for pengar til lønning, kan rekninga vente?", fin},
		{"an empty account", "Hvor lenge kan jeg vente med å betale før dere stenger strømmen?", fin},
		{"an empty account", "Batteriet i fjernkontrollen er tomt, selger dere nye?", none},
		{"an empty account", "Hva skjer hvis jeg betaler et par dager etter forfall?", none},
		{"a scam realised", "Fylte inn kortopplysningene på en side som lignet deres, nå ser jeg at det var svindel.", fr},
		{"a scam realised", "Eg skjønte for seint at det var svindlarar som ringde.", fr},
		{"a scam realised", "Hvordan ser jeg om en SMS er svindel før jeg trykker?", none},
		{"sleepless, given up", "Jeg har ikke sovet på tre netter på grunn av denne fakturaen.", d},
		{"sleepless, given up", "Eg har gitt opp å forstå kva de driv med.", d},
		{"sleepless, given up", "I'm sick and tired of chasing you for a reply.", d},
		{"sleepless, given up", "Jeg har ikke sovet godt, er det ruteren som lyser om natta?", none},
		{"the local paper", "Kanskje lokalavisen er interessert i hvordan dere behandler eldre kunder?", d},
		{"the local paper", "Jeg jobber i lokalavisen, kan vi få fiber til redaksjonen?", none},
		{"coming to take someone", "Fikser dere ikke dette i dag, kommer jeg og tar den som har ansvaret.", v},
		{"coming to take someone", "Kommer jeg og tar med ruteren til butikken, bytter dere den?", none},
		{"a burial", "Vi begravde mamma i går, hva gjør vi med strømmen i huset hennes?", b},
		{"a burial", "My late father had a charger from you, can it be removed?", b},
		{"a burial", "Sorry I'm late with the payment, the app was down.", none},
		{"no point going on", "Ser ingen vits i å leve lenger, så dere kan bare stenge alt.", sh},
		{"no point going on", "There's no point going on, this was the last straw.", sh},
		{"no point going on", "Ingen vits i å fortsette med TV-pakken når vi ikke ser på den.", none},
		{"deciding to end it", "Jeg har bestemt meg for å avslutte alt i kveld.", sh},
		{"deciding to end it", "Kan jeg avslutte alt i appen på en gang når jeg flytter?", none},
		{"a device's death", "Ruteren tok livet av seg i går kveld, alle lys er røde.", none},
		{"just curious", "Har dere en ordning for dem som ikke klarer å betale? Spør bare av nysgjerrighet, har ingen problemer selv.", none},
		{"a game", "Sønnen min ropte «jeg dreper deg» til broren i Fortnite, kan jeg sette opp foreldrekontroll?", none},
		{"nobody died", "What happens to a contract if the holder dies? Nobody has passed away, I'm writing our co-op's rules.", none},
		{"no need for a person", "No need to put me through to anyone, I only want the opening hours.", none},
		{"no æøå", "pappa dode i gaar, han hadde stromavtale hos dere. hva gjor vi na?", b},
		{"no æøå", "jeg har ikke rad til a betale stromregningen denne maneden", fin},
		{"no æøå", "samboeren min har truet med a drepe meg hvis jeg gar", v},
		{"no æøå", "batteriet i fjernkontrollen er dodt, kan jeg fa et nytt?", none},
		{"no æøå", "hvordan bytter jeg til fastpris pa min side?", none},
		{"no æøå", "jeg vil bare do. orker ingenting lenger", sh},
		{"forgetting", "Mor glemmer så fort nå, kan dere sende fakturaen til meg i stedet?", los.CategoryVulnerable},
		{"forgetting", "Eg er ikkje van med slike datamaskiner, sonen min har hjelpt meg med dette.", los.CategoryVulnerable},
		{"forgetting", "My dad is getting very confused and keeps calling about his bill.", los.CategoryVulnerable},
		{"forgetting", "Jeg glemmer så fort passordet, kan jeg logge inn med BankID?", none},
		{"someone who works on it", "Kan jeg få hjelp av noen som faktisk jobber med fiber?", hr},
		{"money is tight", "Det er veldig trangt nå, kan jeg betale litt og litt?", fin},
		{"money is tight", "Har kontoen vært tom lenge, eller har dere trukket for mye?", fin},
		{"not here any more", "Fakturaen står på Ola, men han er ikke her lenger. Kan navnet endres?", b},
		{"not here any more", "Montøren er ikke her lenger, kom han seg videre?", none},
		{"don't know what more", "Jeg vet ikke hva mer jeg kan gjøre, ingenting av det dere sier virker.", d},
		{"in my name", "How do I put the broadband in my name after moving in?", none},
		{"in my name", "Someone has taken out a phone contract in my name without asking me.", fr},
		{"a fault repeated", "Nettet har falle ut fire gonger i dag, kan de sjekke linja?", none},
		{"a fault repeated", "Eg har ringt dykk fire gonger utan å få svar!", d},
		{"a payment not drawn", "AvtaleGiro trekte ikkje pengane denne månaden, kvifor?", none},
		{"a payment not drawn", "Jeg har ikke penger til mat denne uka, og nå kom regningen.", fin},
		{"telling the company", "Kor melder eg frå til dykk om at vi har fått ny varmepumpe?", none},
		{"dying for wifi", "My kids are literally dying without TV tonight 😂 when will it be fixed?", none},
		{"dying for wifi", "My mum died last week and the bill is in her name.", b},
	}
	runFamilies(t, tests)
}
